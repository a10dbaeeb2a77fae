import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { cpuSecondsOf, rssMiBOf } from './processes';

const run = promisify(execFile);

/** Calls and microseconds Redis itself spent, by command, from `INFO commandstats`. */
export type CommandStats = Record<string, { calls: number; usec: number }>;

export interface BenchRedis {
  url: string;
  cpuSeconds(): number;
  rssMiB(): number;
  commandStats(): Promise<CommandStats>;
  /** What Redis says its data takes (`used_memory`), apart from the allocator's slack that RSS also counts. */
  usedMemoryMiB(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Debian's redis-server on loopback, as deploy/compose.yaml runs it (no RDB, no AOF: state with expiry only),
 * read through redis-cli so the bench needs no client library of its own.
 */
export async function startRedisServer(port: number): Promise<BenchRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-bench-redis-'));
  const server = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const cli = async (...args: string[]) => (await run('redis-cli', ['-p', String(port), ...args])).stdout;
  for (let tries = 0; !(await cli('PING').catch(() => '')).startsWith('PONG'); tries++) {
    if (tries > 100 || server.exitCode !== null) throw new Error(`redis-server did not answer on port ${port}`);
    await sleep(100);
  }
  const pid = server.pid!;
  return {
    url: `redis://127.0.0.1:${port}`,
    cpuSeconds: () => cpuSecondsOf(pid),
    rssMiB: () => rssMiBOf(pid),
    commandStats: async () => {
      const stats: CommandStats = {};
      for (const [, name, calls, usec] of (await cli('INFO', 'commandstats')).matchAll(/^cmdstat_(\S+?):calls=(\d+),usec=(\d+)/gm)) {
        stats[name!] = { calls: Number(calls), usec: Number(usec) };
      }
      return stats;
    },
    usedMemoryMiB: async () => Number(/^used_memory:(\d+)/m.exec(await cli('INFO', 'memory'))![1]) / 2 ** 20,
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
