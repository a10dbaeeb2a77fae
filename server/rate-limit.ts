import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

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
 * sign-in requests per address. In memory on one node; in Redis (rate-limiter-flexible's store, the same
 * interface) when several nodes share the counts, so k nodes never allow k times the limit. The only file
 * that imports rate-limiter-flexible.
 */
export interface KeyedLimit {
  take(key: string): Promise<boolean>;
}

/** Makes a limit; `name` keeps different limits' counts apart in a shared store. */
export type Limits = (name: string, points: number, windowMs: number) => KeyedLimit;

export function keyedLimit(points: number, windowMs: number): KeyedLimit {
  return limitOf(new RateLimiterMemory({ points, duration: windowMs / 1000 }));
}

export const memoryLimits: Limits = (_name, points, windowMs) => keyedLimit(points, windowMs);

/** Counts kept in Redis; `storeClient` is the ioredis client server/cluster/redis-adapter.ts hands over. */
export function sharedLimits(storeClient: unknown, prefix: string): Limits {
  return (name, points, windowMs) => limitOf(new RateLimiterRedis({ storeClient, keyPrefix: `${prefix}${name}`, points, duration: windowMs / 1000 }));
}

function limitOf(limiter: RateLimiterAbstract): KeyedLimit {
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
