import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Per-socket flow is a local, synchronous token bucket: a socket lives on one node, and the check must run before anything else hears the frame. */

/** Steady rate with room for short bursts: a reconnecting client sends several messages at once. Takes `now` so it is tested without waiting. */
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

/**
 * At most `points` events per key per window: rings and presence questions per person whichever device asks,
 * sign-in requests per address. rate-limiter-flexible keeps them in memory today; its Redis store (the same
 * interface) is what several nodes will share. The only file that imports it.
 */
export interface KeyedLimit {
  take(key: string): Promise<boolean>;
}

export function keyedLimit(points: number, windowMs: number): KeyedLimit {
  const limiter = new RateLimiterMemory({ points, duration: windowMs / 1000 });
  return {
    take: (key) =>
      limiter.consume(key).then(
        () => true,
        (refusal: unknown) => {
          // Over the limit is a RateLimiterRes; an Error is the store failing, which must not pass silently.
          if (refusal instanceof Error) throw refusal;
          return false;
        },
      ),
  };
}
