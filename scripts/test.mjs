import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { ensureSystemPackages } from './ensure-system.mjs';

/**
 * Everything CI runs: type-check (each part in its own environment), lint, the fast unit tier, server tests,
 * then the end-to-end calls in real Chromium.
 * The vitest projects run one after the other: two browsers per e2e test already fill two cores.
 */
ensureSystemPackages();

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
mkdirSync('.output', { recursive: true });

if (run('npx', ['tsc', '-b']) !== 0) {
  console.error('Type-check failed.');
  process.exit(1);
}
if (run('npx', ['eslint', '.']) !== 0) {
  console.error('Lint failed: see eslint.config.mjs for the boundaries it keeps.');
  process.exit(1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const project of ['unit', 'server', 'e2e']) {
  const report = `.output/vitest-${project}.json`;
  status ||= run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
  } catch {
    status ||= 1;
    totals.failed += 1;
  }
}
console.info(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
