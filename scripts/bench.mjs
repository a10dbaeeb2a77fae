import { spawnSync } from 'node:child_process';
import { ensureSystemPackages } from './ensure-system.mjs';

/** Benchmarks run on the same build and browsers as the end-to-end tests. */
ensureSystemPackages();
const result = spawnSync('npx', ['tsx', 'bench/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
