import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Loaded into the server process (`node --import tsx --import ./bench/loop-probe.ts server/main.ts`): on
 * SIGUSR2 it prints, on stderr, the longest event-loop stall since the previous SIGUSR2, and starts over.
 * Two measures of it: `max` is monitorEventLoopDelay's, the wall-clock time a timer fired late, which on a
 * loaded machine also counts the time the kernel gave the process's core to others; `cpu` is the most time the
 * event loop's own thread ran between two ticks of a 1 ms timer (Linux's /proc/thread-self/schedstat), what
 * the stall would be on a machine of its own: neither waiting for a core nor the GC's helper threads count.
 */
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
/** Nanoseconds this thread has run. */
const onCpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
let last = onCpu();
let worst = 0;
setInterval(() => {
  const now = onCpu();
  worst = Math.max(worst, now - last);
  last = now;
}, 1).unref();
process.on('SIGUSR2', () => {
  console.error(`loop-probe max=${(delay.max / 1e6).toFixed(1)}ms p99=${(delay.percentile(99) / 1e6).toFixed(1)}ms cpu=${(worst / 1e6).toFixed(1)}ms`);
  delay.reset();
  worst = 0;
});
