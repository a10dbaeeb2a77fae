import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../../lib/protocol/wire';

const callId = '9b2f7f2e-4c1e-4c8e-9a51-3f0e1d2c3b4a';

describe('wire protocol', () => {
  it('accepts every well-formed client message and lower-cases handles', () => {
    const ring = parseClientMessage(JSON.stringify({ type: 'ring', callId, to: 'Bob', media: 'video' }));
    expect(ring).toEqual({ ok: true, message: { type: 'ring', callId, to: 'bob', media: 'video' } });
    for (const m of [
      { type: 'hello', v: 1, auth: { kind: 'dev', handle: 'alice' } },
      { type: 'ping' },
      { type: 'accept', callId, media: 'audio' },
      { type: 'decline', callId },
      { type: 'hangup', callId },
    ]) {
      expect(parseClientMessage(JSON.stringify(m)).ok).toBe(true);
    }
  });

  it.each([
    ['not JSON', '{type:'],
    ['no type', '{}'],
    ['unknown type', '{"type":"shout"}'],
    ['a bad handle', JSON.stringify({ type: 'ring', callId, to: 'bob smith', media: 'video' })],
    ['a handle too long', JSON.stringify({ type: 'ring', callId, to: 'a'.repeat(16), media: 'video' })],
    ['an unknown media', JSON.stringify({ type: 'ring', callId, to: 'bob', media: 'hologram' })],
    ['a call id that is not a uuid', JSON.stringify({ type: 'hangup', callId: '1' })],
    ['an extra field', JSON.stringify({ type: 'hangup', callId, from: 'bob' })],
    ['another protocol version', JSON.stringify({ type: 'hello', v: 2, auth: { kind: 'dev', handle: 'a' } })],
    ['an array', '[]'],
    ['null', 'null'],
  ])('rejects %s', (_, raw) => {
    const result = parseClientMessage(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toBe('');
  });

  it('validates what the server sends too', () => {
    expect(parseServerMessage(JSON.stringify({ type: 'ended', callId, reason: 'busy' })).ok).toBe(true);
    expect(parseServerMessage(JSON.stringify({ type: 'ended', callId, reason: 'hangup' })).ok).toBe(false);
    expect(
      parseServerMessage(JSON.stringify({ type: 'answered', callId, peerId: 'x', peerToken: 'y', iceServers: [] })).ok,
    ).toBe(false);
  });
});
