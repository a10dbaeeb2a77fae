import { describe, expect, it } from 'vitest';
import { EMPTY_SAMPLE, progressed, readInbound } from '../../lib/call/media-flow';
import { reconnectDelay } from '../../lib/net/backoff';

describe('media flow from getStats', () => {
  it('adds up inbound audio packets and decoded video frames, ignoring everything else', () => {
    const sample = readInbound([
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 40 },
      { type: 'inbound-rtp', kind: 'video', framesDecoded: 12, packetsReceived: 99 },
      { type: 'outbound-rtp', kind: 'video', framesDecoded: 1000 },
      { type: 'candidate-pair' },
    ]);
    expect(sample).toEqual({ audioPackets: 40, videoFrames: 12 });
  });

  it('counts as flowing only when a counter grows', () => {
    expect(progressed(EMPTY_SAMPLE, { audioPackets: 1, videoFrames: 0 })).toBe(true);
    expect(progressed({ audioPackets: 5, videoFrames: 3 }, { audioPackets: 5, videoFrames: 4 })).toBe(true);
    expect(progressed({ audioPackets: 5, videoFrames: 3 }, { audioPackets: 5, videoFrames: 3 })).toBe(false);
  });
});

describe('reconnect backoff', () => {
  it('grows, stays within half to all of its ceiling, and stops growing at 30 s', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(12, () => 1)).toBe(24_000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
  });

  it('waits at most 3 s between tries for as long as a restart takes, so nobody sleeps long past its end', () => {
    const tries = Array.from({ length: 10 }, (_, attempt) => attempt);
    expect(tries.map((attempt) => reconnectDelay(attempt, () => 1))).toEqual([1000, 2000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000]);
    // Even the quickest client keeps trying that often through the first 13 s; then it backs off.
    expect(tries.reduce((sum, attempt) => sum + reconnectDelay(attempt, () => 0), 0)).toBe(13_500);
    expect(reconnectDelay(10, () => 1)).toBe(6000);
  });
});
