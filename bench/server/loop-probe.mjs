/**
 * Preloaded into every server the bench measures (node --import), never into the product: the longest the
 * event loop went without turning, between a `start` and a `stop` line on stdin; `stop` prints it on stderr.
 * Two measures of one stall: `wall`, the longest gap between two ticks of a 1 ms timer, which on a shared
 * machine also counts the time the kernel gave the core to other processes; `cpu`, the most the loop's own
 * thread ran between two ticks (Linux's /proc/thread-self/schedstat), what the stall would be on a machine of
 * its own. Armed only for a window: a 1 ms timer costs several percent of a core. With BENCH_LOOP_PROFILE=<dir>
 * the process is CPU-profiled and each window's end writes the profile so far into <dir>, with the stall's
 * place in it, to see where its time goes.
 */
import { openSync, readSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const schedstat = openSync('/proc/thread-self/schedstat', 'r');
const buffer = Buffer.alloc(64);
/** Nanoseconds this thread has run: read with the descriptor kept open, as a file read every tick costs more. */
const onCpu = () => Number(buffer.toString('latin1', 0, readSync(schedstat, buffer, 0, 64, 0)).split(' ')[0]);

const profileDir = process.env.BENCH_LOOP_PROFILE;
const profiler = profileDir && new Session();
if (profiler) {
  profiler.connect();
  profiler.post('Profiler.enable');
  profiler.post('Profiler.setSamplingInterval', { interval: 200 });
  // Starting the profiler stalls the loop itself: it runs from here, and again from each window's end.
  profiler.post('Profiler.start');
}
let windows = 0;

let timer;
let worst = { wall: 0, cpu: 0, at: 0n };
let last = { wall: 0n, cpu: 0 };
/** Microseconds on the monotonic clock, the clock a CPU profile's timestamps are on. */
const now = () => ({ wall: process.hrtime.bigint() / 1000n, cpu: onCpu() });

function start() {
  clearInterval(timer);
  worst = { wall: 0, cpu: 0, at: 0n };
  last = now();
  timer = setInterval(() => {
    const tick = now();
    const cpu = (tick.cpu - last.cpu) / 1e6;
    if (cpu > worst.cpu) worst.at = tick.wall;
    worst = { wall: Math.max(worst.wall, Number(tick.wall - last.wall) / 1000), cpu: Math.max(worst.cpu, cpu), at: worst.at };
    last = tick;
  }, 1);
  timer.unref();
}

function stop() {
  clearInterval(timer);
  timer = undefined;
  const file = profiler && path.join(profileDir, `window-${process.pid}-${++windows}.cpuprofile`);
  // `endedAt` places the stall in the profile: the monotonic microsecond its longest run ended.
  const stall = { wallMs: worst.wall, cpuMs: worst.cpu, endedAt: Number(worst.at) };
  profiler?.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(file, JSON.stringify({ ...result.profile, stall }));
    profiler.post('Profiler.start');
  });
  console.error(`loop-probe wall=${worst.wall.toFixed(1)}ms cpu=${worst.cpu.toFixed(1)}ms`);
}

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop();
  for (const line of lines) {
    if (line === 'start') start();
    if (line === 'stop') stop();
  }
});
// The bench going away leaves nothing to report to; the server's own lifetime is not the probe's to decide.
process.stdin.on('error', () => {});
