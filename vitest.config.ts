import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** WXT's aliases (srcDir is the root here), so a test imports `@/lib/…` as the extension's code does. */
const root = path.dirname(fileURLToPath(import.meta.url));
const alias = { '@': root, '~': root, '@@': root, '~~': root };

/**
 * Three projects: `unit` (the fast tier: pure logic, and extension modules over WXT's fake browser APIs),
 * `server` (the real server on loopback, real WebSocket clients) and `e2e` (real Chromium with the built
 * extension, one file at a time: the machine has two cores and each test runs two browsers).
 */
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // WxtVitest: `wxt/browser` becomes `fakeBrowser` (a fresh one per test file: tests/unit/setup.ts), and
        // WXT's aliases (`@/`, `#i18n`) and auto-imports resolve as in the build.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          // One worker runs file after file: starting a worker per file took twice as long as the tests. The
          // setup file gives each file a fresh module graph, so vi.mock and module state cannot leak between files.
          isolate: false,
          setupFiles: ['tests/unit/setup.ts'],
          // Many tests wait on real timers (a page going quiet, a ring expiring): two workers overlap those
          // waits even on two cores (9.5 s against 13-15 s with one, same machine, same load).
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // A saved x.com page takes about 1 s to parse and scan in happy-dom; on a machine shared with browser
          // suites (load average 20) that passed the default 5 s. No test here waits on a timeout to pass.
          testTimeout: 15_000,
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          // Its own group (run after the fast tier's when projects run together), as its worker count differs.
          sequence: { groupOrder: 1 },
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
