import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { writeReport } from './report';
import { summarize } from './stats';

/**
 * Wall time of the fast tier (`npm run test:unit`, budget 20 s) as configured, beside the same files with a
 * fresh worker per file (`--isolate`, how it ran before), alternating in one run so both meet the same load.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WAYS: Record<string, string[]> = {
  'npx vitest run --project unit': [],
  'npx vitest run --project unit --isolate': ['--isolate'],
};

export async function benchUnitTier(): Promise<string> {
  const samples: Record<string, { wallS: number[]; load1: number[]; failed: number }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, extra] of Object.entries(WAYS)) {
      const load = os.loadavg()[0]!;
      const begun = performance.now();
      const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...extra], { encoding: 'utf8' });
      const s = (samples[name] ??= { wallS: [], load1: [], failed: 0 });
      s.wallS.push(Math.round((performance.now() - begun) / 100) / 10);
      s.load1.push(Math.round(load * 100) / 100);
      if (run.status !== 0) s.failed += 1;
    }
  }
  const figures = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, { wallS: summarize(s.wallS), loadAverageAtStart: s.load1, failedRuns: s.failed }]));
  return writeReport('unit-tier', { ...figures, rounds: ROUNDS, budgetS: 20 }, ['Wall time from spawning npx to its exit, the way a developer waits for it; machine shared with other work, so read the load average beside each figure.']);
}
