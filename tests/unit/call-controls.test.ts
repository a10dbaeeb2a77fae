import { describe, expect, it } from 'vitest';
import { classify, EMPTY_QUALITY_SAMPLE, readQuality } from '../../lib/call/call-quality';
import { decodeControlMessage, encodeControlMessage, MAX_CONTROL_MESSAGE_CHARS } from '../../lib/call/control-protocol';
import { shortcutFor } from '../../lib/call/shortcuts';

describe('control messages from the other side', () => {
  const state = { type: 'state', state: { muted: true, cameraOff: false, sharing: false } } as const;

  it('round-trips what the schema allows', () => {
    expect(decodeControlMessage(encodeControlMessage(state))).toEqual(state);
    const offer = { type: 'sdp', description: { type: 'offer', sdp: 'v=0\r\n' } } as const;
    expect(decodeControlMessage(encodeControlMessage(offer))).toEqual(offer);
  });

  it('drops anything else: bad JSON, unknown types, extra keys, wrong types, oversize', () => {
    expect(decodeControlMessage('{')).toBeNull();
    expect(decodeControlMessage(new ArrayBuffer(4))).toBeNull();
    expect(decodeControlMessage(JSON.stringify({ type: 'eval', code: '1' }))).toBeNull();
    expect(decodeControlMessage(JSON.stringify({ ...state, extra: 1 }))).toBeNull();
    expect(decodeControlMessage(JSON.stringify({ type: 'state', state: { muted: 'yes', cameraOff: false, sharing: false } }))).toBeNull();
    expect(decodeControlMessage(JSON.stringify({ type: 'sdp', description: { type: 'pranswer', sdp: '' } }))).toBeNull();
    expect(decodeControlMessage('x'.repeat(MAX_CONTROL_MESSAGE_CHARS + 1))).toBeNull();
  });
});

describe('connection quality from getStats', () => {
  const stats = (rtt: number, received: number, lost: number, audioLevel = 0) => [
    { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: rtt },
    { type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 9 },
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, audioLevel },
  ];

  it('reads the selected pair’s round trip and the inbound counters', () => {
    expect(readQuality(stats(0.05, 100, 2, 0.3))).toEqual({ roundTripTime: 0.05, packetsReceived: 100, packetsLost: 2, audioLevel: 0.3 });
  });

  it('is good on a fast, clean path and poor with a long round trip, loss, or few packets arriving', () => {
    const before = readQuality(stats(0.05, 100, 0));
    expect(classify(before, readQuality(stats(0.05, 150, 0)), 1)).toBe('good');
    expect(classify(before, readQuality(stats(0.6, 150, 0)), 1)).toBe('poor');
    expect(classify(before, readQuality(stats(0.05, 150, 10)), 1)).toBe('poor');
    expect(classify(before, readQuality(stats(0.05, 103, 0)), 1)).toBe('poor');
    expect(classify(EMPTY_QUALITY_SAMPLE, EMPTY_QUALITY_SAMPLE, 1)).toBe('poor');
  });
});

describe('keyboard shortcuts', () => {
  const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }>) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('Ctrl on Windows and Linux, ⌘ on a Mac', () => {
    expect(shortcutFor(press('d', { ctrlKey: true }), false)).toBe('mute');
    expect(shortcutFor(press('e', { ctrlKey: true }), false)).toBe('camera');
    expect(shortcutFor(press('H', { ctrlKey: true, shiftKey: true }), false)).toBe('hangup');
    expect(shortcutFor(press('d', { metaKey: true }), true)).toBe('mute');
    expect(shortcutFor(press('d', { ctrlKey: true }), true)).toBeNull();
  });

  it('ignores plain keys and other combinations, so typing never ends a call', () => {
    expect(shortcutFor(press('d', {}), false)).toBeNull();
    expect(shortcutFor(press('h', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(press('d', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutFor(press('d', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});
