import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../lib/protocol/wire';
import { CallRouter, PolicyViolation } from '../../server/calls';
import { silentLog } from '../../server/log';
import { MintedPeers } from '../../server/minted-peers';
import { InProcessPresence, type Device } from '../../server/presence';

const routers: CallRouter[] = [];
afterEach(() => {
  for (const router of routers.splice(0)) router.shutdown();
});

/** The ring rules without sockets: devices are inboxes. */
function setup() {
  const presence = new InProcessPresence();
  const peers = new MintedPeers();
  const router = new CallRouter(presence, peers, { ringTimeoutMs: 60_000, ringGraceMs: 10_000, ringsPerMinute: 10 }, silentLog);
  const device = (handle: string) => {
    const inbox: ServerMessage[] = [];
    const d: Device & { inbox: ServerMessage[] } = { handle, inbox, send: (m) => inbox.push(m) };
    presence.addDevice(d);
    return d;
  };
  routers.push(router);
  return { presence, peers, router, device };
}

const ring = (to: string, callId = randomUUID()) => ({ type: 'ring' as const, callId, to, media: 'audio' as const });

describe('CallRouter', () => {
  it('throws a PolicyViolation for a callId already in use', async () => {
    const { router, device } = setup();
    const alice = device('alice');
    device('bob');
    const message = ring('bob');
    await router.ring(alice, message);
    await expect(router.ring(device('carol'), { ...message })).rejects.toThrow(PolicyViolation);
  });

  it('keeps the callee ringable while only ringing: a second caller rings too', async () => {
    const { router, device } = setup();
    const bob = device('bob');
    await router.ring(device('alice'), ring('bob'));
    await router.ring(device('carol'), ring('bob'));
    expect(bob.inbox.map((m) => m.type === 'ring' && m.from)).toEqual(['alice', 'carol']);
  });

  it('sends accepted once, only for the callee peer, and forgets both ids when the call ends', async () => {
    const { router, device, peers } = setup();
    const alice = device('alice');
    const bob = device('bob');
    const message = ring('bob');
    await router.ring(alice, message);
    router.accept(bob, { type: 'accept', callId: message.callId, media: 'audio' });
    const answered = bob.inbox.find((m) => m.type === 'answered');
    if (answered?.type !== 'answered') throw new Error('no answered');

    const before = alice.inbox.length;
    router.peerConnected(randomUUID());
    expect(alice.inbox.length).toBe(before);
    router.peerConnected(answered.peerId);
    router.peerConnected(answered.peerId);
    const accepted = alice.inbox.filter((m) => m.type === 'accepted');
    expect(accepted).toHaveLength(1);
    const callerPeerId = accepted[0]?.type === 'accepted' ? accepted[0].peerId : '';
    router.peerConnected(callerPeerId);
    expect(alice.inbox.filter((m) => m.type === 'accepted')).toHaveLength(1);

    router.hangup(alice, { type: 'hangup', callId: message.callId });
    expect(peers.admits(answered.peerId, answered.peerToken)).toBe(false);
    expect(peers.callOf(callerPeerId)).toBeUndefined();
  });

  it('forgets a user once their last device leaves', () => {
    const { router, device, presence } = setup();
    const phone = device('bob');
    const laptop = device('bob');
    router.deviceGone(phone);
    expect(presence.devices('bob')).toEqual([laptop]);
    router.deviceGone(laptop);
    expect(presence.devices('bob')).toEqual([]);
  });
});
