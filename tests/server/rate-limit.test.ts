import { describe, expect, it } from 'vitest';
import { SlidingWindow, TokenBucket } from '../../server/rate-limit';

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

describe('SlidingWindow', () => {
  it('allows `limit` events per key per window', () => {
    const window = new SlidingWindow(2, 1000);
    expect(window.take('a', 0)).toBe(true);
    expect(window.take('a', 10)).toBe(true);
    expect(window.take('a', 20)).toBe(false);
    expect(window.take('b', 20)).toBe(true);
    expect(window.take('a', 999)).toBe(false);
    expect(window.take('a', 1000)).toBe(true);
    expect(window.take('a', 1005)).toBe(false);
    expect(window.take('a', 1010)).toBe(true);
  });
});
