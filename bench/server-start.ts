import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { writeReport } from './report';
import { summarize } from './stats';

/**
 * The server as development runs it (`npm run server`: npm, tsx and its node child) beside the compiled build
 * as production runs it (`node dist/server/main.mjs`, and through `npm run start:server`), in the same run:
 * time from spawn to "listening", resident memory of the whole process tree idle and with CLIENTS signed-in
 * clients (development sign-in, from this process).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CLIENTS = 2_000;
const PORT = 18831;

const WAYS: Record<string, string[]> = {
  'npm run server (tsx)': ['npm', 'run', '--silent', 'server'],
  'npm run start:server (compiled, via npm)': ['npm', 'run', '--silent', 'start:server'],
  'node dist/server/main.mjs': ['node', '--enable-source-maps', 'dist/server/main.mjs'],
};

/** Resident memory of a process and all its descendants, in MiB, from /proc. */
function treeRssMiB(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))![1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let kib = 0;
  const walk = (p: number) => {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return;
    }
    for (const child of children.get(p) ?? []) walk(child);
  };
  walk(pid);
  return kib / 1024;
}

async function started(command: string[]): Promise<{ child: ChildProcess; ms: number }> {
  const begun = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, PORT: String(PORT), CONNECTIONS_PER_ADDRESS: '100000' },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => /listening on/.test(chunk.toString()) && resolve());
    child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited ${code}`)));
  });
  return { child, ms: performance.now() - begun };
}

async function signIn(handle: string): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${PORT}/ws`);
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => {
      socket.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'dev', handle } }));
      socket.once('message', () => resolve());
    });
    socket.once('error', reject);
  });
  return socket;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // The whole group: npm and tsx leave their children otherwise.
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  await sleep(200);
}

export async function benchServerStart(): Promise<string> {
  spawnSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const samples: Record<string, { startMs: number[]; idleMiB: number[]; perClientKiB: number[] }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, command] of Object.entries(WAYS)) {
      const { child, ms } = await started(command);
      await sleep(500);
      const idle = treeRssMiB(child.pid!);
      const sockets: WebSocket[] = [];
      for (let i = 0; i < CLIENTS; i += 100) sockets.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => signIn(`user${i + j}`)))));
      await sleep(500);
      const loaded = treeRssMiB(child.pid!);
      for (const socket of sockets) socket.terminate();
      await stop(child);
      const s = (samples[name] ??= { startMs: [], idleMiB: [], perClientKiB: [] });
      s.startMs.push(Math.round(ms));
      s.idleMiB.push(Math.round(idle * 10) / 10);
      s.perClientKiB.push(Math.round(((loaded - idle) * 1024) / CLIENTS * 10) / 10);
    }
  }
  const figures = Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [name, { startToListeningMs: summarize(s.startMs), idleTreeRssMiB: summarize(s.idleMiB), rssPerSignedInClientKiB: summarize(s.perClientKiB) }]),
  );
  return writeReport('server-start', { ...figures, clients: CLIENTS, rounds: ROUNDS }, [`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`]);
}
