import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from './load-worker';

/** A server under test, started as plain `node` (never tsx), with what the bench reads of it from /proc. */
export interface Target {
  name: string;
  pid: number;
  /** Resident memory once the process has collected its garbage (bench/server/gc-on-signal.cjs). */
  settledRssMiB(): Promise<number>;
  /** The heap that collection kept, as the process last printed it. */
  settledHeapMiB(): number;
  /** The longest event-loop stall between `start` and `stop` (bench/server/loop-probe.mjs). */
  loopProbe: { start(): void; stop(): Promise<{ wallMs: number; cpuMs: number }> };
  /** User plus system CPU seconds used so far. */
  cpuSeconds(): number;
  /** Its last output, for a report that must say why something failed. */
  tail(): string;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

/** A process's resident memory in MiB, from the kernel's own count. */
export const rssMiBOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A process's user plus system CPU seconds so far. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export async function startTarget(name: string, args: string[], env: Record<string, string>): Promise<Target> {
  const preload = ['--expose-gc', '--require', new URL('./gc-on-signal.cjs', import.meta.url).pathname, '--import', new URL('./loop-probe.mjs', import.meta.url).pathname];
  const child = spawn('node', [...preload, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  // Always read: a server whose pipe fills stops mid-write. Only the tail is kept.
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${tail}`)), 20_000);
    child.stdout!.on('data', () => /listening on/.test(tail) && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => reject(new Error(`${name} exited ${code}: ${tail}`)));
  });
  // The preloads' lines (bench/server/*.cjs) arrive on stderr, each in one write.
  let heapMiB = NaN;
  let probed: ((stall: { wallMs: number; cpuMs: number }) => void) | undefined;
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    const heap = /gc heapUsedMiB=([\d.]+)/.exec(text);
    if (heap) heapMiB = Number(heap[1]);
    const stall = /loop-probe wall=([\d.]+)ms cpu=([\d.]+)ms/.exec(text);
    if (stall) probed?.({ wallMs: Number(stall[1]), cpuMs: Number(stall[2]) });
  });
  const pid = child.pid!;
  return {
    name,
    pid,
    settledRssMiB: async () => {
      child.kill('SIGUSR2');
      await sleep(1000);
      return rssMiBOf(pid);
    },
    cpuSeconds: () => cpuSecondsOf(pid),
    settledHeapMiB: () => heapMiB,
    loopProbe: {
      start: () => child.stdin!.write('start\n'),
      stop: () => {
        child.stdin!.write('stop\n');
        return new Promise((resolve) => (probed = resolve));
      },
    },
    tail: () => tail,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Load processes, each holding at most `perProcess` sockets (the machine's cap is 20,000 a process). */
export class LoadProcesses {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly children: ChildProcess[];

  constructor(count: number) {
    this.children = Array.from({ length: count }, () => {
      const child = fork(new URL('./load-worker.ts', import.meta.url).pathname, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      });
      return child;
    });
  }

  /** CPU seconds all load processes used so far: whether the load, rather than the server, sets the pace. */
  cpuSeconds(): number {
    return this.children.reduce((sum, child) => sum + cpuSecondsOf(child.pid!), 0);
  }

  ask<T>(worker: number, command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.children[worker]!.send({ id, command });
    });
  }

  /** The same kind of command to every process at once, each with its own share. */
  all<T>(command: (worker: number) => Command): Promise<T[]> {
    return Promise.all(this.children.map((_, worker) => this.ask<T>(worker, command(worker))));
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        return exited;
      }),
    );
    // Closed sockets leave TIME_WAIT on the loopback addresses; a moment lets the next target start clean.
    await sleep(1000);
  }
}

/** Sums failure counts from several processes. */
export function mergeCounts(counts: Array<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const count of counts) for (const [key, n] of Object.entries(count)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** A series' value from a Prometheus text page; a bare metric name sums all its labelled series. */
export function metric(text: string, name: string): number {
  const lines = text.split('\n').filter((l) => l.startsWith(`${name} `) || (!name.includes('{') && l.startsWith(`${name}{`)));
  return lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}
