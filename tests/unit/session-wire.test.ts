import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from '../../lib/protocol/wire';

const sessionId = 'A'.repeat(43);
const signature = 'B'.repeat(86);

describe('session messages on the wire', () => {
  it('parses a session hello, a sign-out and a challenge', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'session', sessionId, signature } })).ok).toBe(true);
    expect(parseClientMessage(JSON.stringify({ type: 'sign-out', everywhere: true })).ok).toBe(true);
    expect(parseServerMessage(JSON.stringify({ type: 'challenge', nonce: 'c'.repeat(32) })).ok).toBe(true);
  });

  it('refuses a session hello that also names a handle or user id, or carries a malformed proof', () => {
    for (const auth of [
      { kind: 'session', sessionId, signature, handle: 'bob' },
      { kind: 'session', sessionId, signature, userId: '12' },
      { kind: 'session', sessionId, signature: 'short' },
      { kind: 'session', sessionId: 'x', signature },
      { kind: 'x', sessionId, signature },
    ]) {
      expect(parseClientMessage(JSON.stringify({ type: 'hello', v: 1, auth })).ok, JSON.stringify(auth)).toBe(false);
    }
    expect(parseClientMessage(JSON.stringify({ type: 'sign-out', everywhere: true, userId: '1' })).ok).toBe(false);
  });
});
