import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every figure is written with the command that produced it and the machine it ran on. */
export function writeReport(name: string, figures: Record<string, unknown>, notes: string[] = []): string {
  const file = path.resolve('bench/results', `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const report = {
    name,
    command: `${benchEnv()}npm run bench -- ${name}`,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    figures,
    notes,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** The BENCH_* sizes a run was given, as the command line that repeats it starts. */
export function benchEnv(): string {
  return Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${value} `)
    .join('');
}

/** One phase's figures, with the command that measured them, in place of its last run's; the rest is kept. */
export function mergeReport(name: string, key: string, figures: Record<string, unknown>): string {
  const file = path.resolve('bench/results', `${name}.json`);
  const report = JSON.parse(readFileSync(file, 'utf8')) as { figures: Record<string, unknown> };
  report.figures[key] = figures;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
