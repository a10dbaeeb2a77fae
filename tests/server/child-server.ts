import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The real server in its own process, for what a test cannot do to its own: a small descriptor limit, or a
 * memory figure that is the server's alone. `maxFiles` becomes the process's hard and soft limit; `compiled`,
 * a build of scripts/build-server.mjs, starts as production does, in a fraction of tsx's time.
 */
export async function childServer(env: Record<string, string>, { maxFiles, compiled }: { maxFiles?: number; compiled?: string } = {}) {
  const command = `${maxFiles ? `ulimit -n ${maxFiles} && ` : ''}exec node ${compiled ?? '--import tsx server/main.ts'}`;
  const child: ChildProcess = spawn('bash', ['-c', command], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    /** Resident memory in MiB, from the kernel's own count. */
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    log: () => stderr,
    /** The JSON lines of its log (pino writes them to stderr), parsed. */
    logLines: () =>
      stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    /** What it told the person who started it (stdout). */
    said: () => stdout,
    /** Where its `/metrics` listens, when METRICS_PORT was given. */
    metricsUrl: () => /Metrics on (http:\/\/\S+)/.exec(stdout)?.[1],
    alive: () => child.exitCode === null && child.signalCode === null,
    /** Sends a signal without waiting; `exited` resolves with the exit code. */
    signal: (signal: NodeJS.Signals) => child.kill(signal),
    exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    /** At once, as Ctrl-C does: SIGTERM would drain, waiting for calls a test left going (server/main.ts). */
    stop: () =>
      new Promise<void>((resolve) => {
        // A process killed by a signal has a signalCode and no exitCode: it is gone all the same.
        if (!child.pid || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
