import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** RINGSIDE_E2E_PORT lets two checkouts run their end-to-end tests side by side. */
export const E2E_PORT = Number(process.env.RINGSIDE_E2E_PORT ?? 18787);
export const E2E_SERVER_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_OUT_DIR = path.resolve(`.output/e2e-${E2E_PORT}`);

/**
 * Builds the extension pointed at the test server, beside (never over) the one `npm start` builds. `without`
 * switches optional browser features off (lib/platform/capabilities.ts) in a build of its own, to prove the
 * fallbacks Safari and Firefox for Android take; it returns where that build went.
 */
export function buildE2EExtension(browser: 'chrome' | 'firefox' = 'chrome', without = ''): string {
  const outDir = without ? `${E2E_OUT_DIR}-without` : E2E_OUT_DIR;
  execFileSync('npx', ['wxt', 'build', '-b', browser], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, RINGSIDE_SERVER_URL: E2E_SERVER_URL, RINGSIDE_OUT_DIR: outDir, RINGSIDE_WITHOUT: without },
  });
  return path.join(outDir, `${browser}-mv3`);
}

/** The guest page of call links, built beside the test extension; startE2EServer serves it from here. */
export const E2E_GUEST_DIR = path.join(E2E_OUT_DIR, 'guest');

export function buildE2EGuestPage(): void {
  execFileSync('npx', ['vite', 'build', '-c', 'guest/vite.config.ts', '--logLevel', 'warn'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, RINGSIDE_GUEST_OUT_DIR: E2E_GUEST_DIR },
  });
}
