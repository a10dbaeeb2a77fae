import { describe, expect, it } from 'vitest';
import { initialOf, stageOf } from '../../lib/call/stage';
import { outcomeOf } from '../../lib/call/intent-outcome';
import type { CallState } from '../../lib/call/call-state';
import { INITIAL_IN_CALL, type InCallView } from '../../lib/call/in-call-view';
import { ringProfile } from '../../server/ring-profile';
import * as v from 'valibot';
import { Ring } from '../../lib/protocol/ring';

const callId = '9b2f7f2e-4c1e-4c8e-9a51-3f0e1d2c3b4a';
const facts = { callId, peer: 'bob' };
const connected = (media: 'audio' | 'video'): CallState => ({ phase: 'connected', role: 'caller', connectedAt: 1, media, ...facts });
const inCall = (remote: InCallView['remote']): InCallView => ({ ...INITIAL_IN_CALL, local: { muted: false, cameraOff: false, sharing: false }, remote });
const off = { muted: false, cameraOff: true, sharing: false };
const on = { muted: false, cameraOff: false, sharing: false };

describe('the call window stage', () => {
  it('an audio call shows the person, and nobody "turned the camera off"', () => {
    expect(stageOf(connected('audio'), inCall(off))).toBe('person');
    expect(stageOf(connected('audio'), inCall(null))).toBe('person');
    expect(stageOf({ phase: 'outgoing', rung: true, ringing: true, media: 'audio', ...facts }, null)).toBe('person');
  });

  it('a video call shows the picture, or the person with the words once their camera is off', () => {
    expect(stageOf(connected('video'), inCall(on))).toBe('picture');
    expect(stageOf(connected('video'), inCall(null))).toBe('picture');
    expect(stageOf(connected('video'), inCall(off))).toBe('camera-off');
    expect(stageOf({ phase: 'outgoing', rung: false, ringing: false, media: 'video', ...facts }, null)).toBe('person');
  });

  it('a camera turned on, or a screen shared, in an audio call is shown', () => {
    expect(stageOf(connected('audio'), inCall(on))).toBe('picture');
    expect(stageOf(connected('audio'), inCall({ ...off, sharing: true }))).toBe('picture');
  });

  it('no stage before or after a call', () => {
    expect(stageOf({ phase: 'idle' }, null)).toBe('none');
    expect(stageOf({ phase: 'ended', role: 'caller', reason: 'hangup', connectedAt: 1, endedAt: 2, media: 'audio', ...facts }, null)).toBe('none');
    expect(initialOf('alice')).toBe('A');
  });
});

describe('a call asked for in the call window', () => {
  const dial = { kind: 'dial', handle: 'carol', media: 'video' } as const;
  it('starts when the window is free and the person signed in', () => {
    expect(outcomeOf(dial, { phase: 'idle' }, true)).toEqual({ kind: 'start' });
    expect(outcomeOf({ kind: 'answer', from: 'carol' }, { phase: 'idle' }, false)).toEqual({ kind: 'start' });
  });

  it('says who the person is already in a call with, whatever was asked', () => {
    expect(outcomeOf(dial, connected('audio'), true)).toEqual({ kind: 'in-call', peer: 'bob', wanted: 'carol' });
    expect(outcomeOf({ kind: 'answer', from: 'dan' }, connected('video'), true)).toEqual({ kind: 'in-call', peer: 'bob', wanted: 'dan' });
  });

  it('asks to sign in before ringing anyone', () => {
    expect(outcomeOf(dial, { phase: 'idle' }, false)).toEqual({ kind: 'sign-in', handle: 'carol', media: 'video' });
  });
});

describe('the caller as a ring shows them', () => {
  it('passes a display name and an X picture, and drops what the ring schema would refuse', () => {
    expect(ringProfile({ name: 'Alice Liddell', avatarUrl: 'https://pbs.twimg.com/profile_images/1/a_normal.jpg' })).toEqual({
      name: 'Alice Liddell',
      avatarUrl: 'https://pbs.twimg.com/profile_images/1/a_normal.jpg',
    });
    expect(ringProfile({ name: 'x'.repeat(51), avatarUrl: 'http://pbs.twimg.com/a.jpg' })).toEqual({});
    expect(ringProfile({ avatarUrl: 'https://evil.example/pbs.twimg.com/a.jpg' })).toEqual({});
    expect(ringProfile({ name: 'Line\nbreak' })).toEqual({});
    expect(ringProfile({})).toEqual({});
  });

  it('a ring whose picture is not on X’s image host does not parse', () => {
    const ring = { callId, from: 'alice', media: 'audio', expiresAt: 1 };
    expect(v.is(Ring, { ...ring, name: 'Alice', avatarUrl: 'https://pbs.twimg.com/profile_images/1/a.jpg' })).toBe(true);
    expect(v.is(Ring, { ...ring, avatarUrl: 'https://pbs.twimg.com.evil.example/a.jpg' })).toBe(false);
    expect(v.is(Ring, { ...ring, avatarUrl: 'javascript:alert(1)' })).toBe(false);
  });
});
