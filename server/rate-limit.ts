import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Per-socket flow is a local, synchronous token bucket: a socket lives on one node, and the check must run before anything else hears the frame. */

/**
 * The two numbers of a token bucket, kept by whoever owns it: a socket keeps them among its own fields. Tokens
 * are counted in thousandths and times in whole milliseconds, so with a monotonic clock both stay small
 * integers, which V8 keeps in the object itself instead of a box each.
 */
export interface BucketState {
  tokens: number;
  refilledAt: number;
}

/** Steady rate with room for short bursts: a reconnecting client sends several messages at once. Takes `now` so it is tested without waiting. */
export function takeToken(bucket: BucketState, perSecond: number, burst: number, now: number): boolean {
  bucket.tokens = Math.min(burst * 1000, bucket.tokens + (now - bucket.refilledAt) * perSecond);
  bucket.refilledAt = now;
  if (bucket.tokens < 1000) return false;
  bucket.tokens -= 1000;
  return true;
}

/** A bucket with its own state. */
export class TokenBucket implements BucketState {
  tokens: number;
  refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst * 1000;
    this.refilledAt = now;
  }

  take(now: number): boolean {
    return takeToken(this, this.perSecond, this.burst, now);
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
