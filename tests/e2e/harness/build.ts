import { execFileSync } from 'node:child_process';

export const E2E_SERVER_URL = 'http://127.0.0.1:18787';

/** Builds the extension pointed at the test server, beside (never over) the one `npm start` builds. */
export function buildE2EExtension(): void {
  execFileSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, RINGSIDE_SERVER_URL: E2E_SERVER_URL, RINGSIDE_OUT_DIR: '.output/e2e' },
  });
}
