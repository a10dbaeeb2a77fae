import type { RingSocket } from './ws-session';

/** Whole milliseconds since the process started: never set back, and a small integer for 24 days. */
export const monotonicMs = () => Math.floor(performance.now());

/** How often deadlines are checked: a quarter of the shorter one, at most a second and at least 10 ms. */
export const sweepEveryMs = (limits: { idleTimeoutMs: number; helloTimeoutMs: number }) =>
  Math.min(1000, Math.max(10, Math.min(limits.idleTimeoutMs, limits.helloTimeoutMs) / 4));

/**
 * Every open `/ws` session, and the one timer that holds them to their hello deadline and idle timeout. A
 * timer each would cost three objects a person for as long as they stay (issue 18); a sweep of 20,000
 * sessions takes well under a millisecond, and a deadline is kept to within one period.
 */
export class RingSockets implements Iterable<RingSocket> {
  private readonly open = new Set<RingSocket>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly periodMs: number) {}

  add(socket: RingSocket): void {
    this.open.add(socket);
    this.timer ??= setInterval(() => this.sweep(monotonicMs()), this.periodMs).unref();
  }

  delete(socket: RingSocket): void {
    this.open.delete(socket);
  }

  get size(): number {
    return this.open.size;
  }

  [Symbol.iterator](): Iterator<RingSocket> {
    return this.open.values();
  }

  sweep(now: number): void {
    for (const socket of this.open) socket.expire(now);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
