import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyedLimit, TokenBucket } from '../../server/rate-limit';

describe('TokenBucket', () => {
  it('allows a burst, then the steady rate', () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([0, 0, 0, 0].map((t) => bucket.take(t))).toEqual([true, true, true, false]);
    expect(bucket.take(400)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.take(500)).toBe(false);
  });

  it('never holds more than the burst, however long it rested', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect([60_000, 60_000, 60_000].map((t) => bucket.take(t))).toEqual([true, true, false]);
  });
});

describe('keyedLimit', () => {
  afterEach(() => vi.useRealTimers());

  it('allows `points` events per key per window, each key apart', async () => {
    vi.useFakeTimers();
    const limit = keyedLimit(2, 1000);
    expect([await limit.take('a'), await limit.take('a'), await limit.take('a')]).toEqual([true, true, false]);
    expect(await limit.take('b')).toBe(true);
    vi.advanceTimersByTime(999);
    expect(await limit.take('a')).toBe(false);
    vi.advanceTimersByTime(1);
    expect([await limit.take('a'), await limit.take('a'), await limit.take('a')]).toEqual([true, true, false]);
  });
});
