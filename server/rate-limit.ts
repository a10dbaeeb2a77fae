/** Limits take `now` (ms) as an argument so the rules can be tested without waiting. */

/** Steady rate with room for short bursts: a reconnecting client sends several messages at once. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(now: number): boolean {
    const refill = ((now - this.updatedAt) / 1000) * this.perSecond;
    this.tokens = Math.min(this.burst, this.tokens + refill);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** At most `limit` events per key in any window: rings per user, whichever device they come from. */
export class SlidingWindow {
  private readonly events = new Map<string, number[]>();
  private sweptAt = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(key: string, now: number): boolean {
    this.sweep(now);
    const recent = (this.events.get(key) ?? []).filter((at) => now - at < this.windowMs);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.events.set(key, recent);
    return allowed;
  }

  /** Forget keys that went quiet, at most once per window, so memory follows active users only. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.windowMs) return;
    this.sweptAt = now;
    for (const [key, times] of this.events) {
      if (times.every((at) => now - at >= this.windowMs)) this.events.delete(key);
    }
  }
}
