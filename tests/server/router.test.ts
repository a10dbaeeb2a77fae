import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../lib/protocol/wire';
import { CallRouter, PolicyViolation } from '../../server/calls';
import { silentLog } from '../../server/log';
import { MintedPeers } from '../../server/minted-peers';
import { InProcessPresence, type Device } from '../../server/presence';
import { RingGate } from '../../server/reach/ring-gate';
import { ReachService } from '../../server/reach/service';
import { ReachStore } from '../../server/reach/store';
import { openStorage, type Storage } from '../../server/storage/storage';

const routers: CallRouter[] = [];
const storages: Storage[] = [];
afterEach(async () => {
  for (const router of routers.splice(0)) router.shutdown();
  await Promise.all(storages.splice(0).map((s) => s.close()));
});

/** The ring rules without sockets: devices are inboxes; everyone lets everyone call, through a relay. */
async function setup() {
  const presence = new InProcessPresence();
  const peers = new MintedPeers();
  const storage = await openStorage({}, silentLog);
  storages.push(storage);
  const store = new ReachStore(storage.db, 'dev');
  const gate = new RingGate(store, new ReachService(store, presence, 60, () => {}, silentLog), { ringsPerMinute: 10, ringsToStrangerPerHour: 3 }, silentLog);
  const relay = { available: true, iceServersFor: () => [] };
  const router = new CallRouter(presence, peers, { ringTimeoutMs: 60_000, ringGraceMs: 10_000, ringsAtOnce: 3 }, gate, silentLog, relay);
  const device = (handle: string) => {
    const inbox: ServerMessage[] = [];
    const d: Device & { inbox: ServerMessage[] } = { handle, inbox, send: (m) => inbox.push(m) };
    presence.addDevice(d);
    return d;
  };
  for (const handle of ['alice', 'bob', 'carol']) await store.setSettings(`@${handle}`, { whoCanCall: 'everyone' });
  routers.push(router);
  return { presence, peers, router, device };
}

const ring = (to: string, callId = randomUUID()) => ({ type: 'ring' as const, callId, to, media: 'audio' as const });

describe('CallRouter', () => {
  it('throws a PolicyViolation for a callId already in use', async () => {
    const { router, device } = await setup();
    const alice = device('alice');
    device('bob');
    const message = ring('bob');
    await router.ring(alice, message);
    await expect(router.ring(device('carol'), { ...message })).rejects.toThrow(PolicyViolation);
  });

  it('keeps the callee ringable while only ringing: a second caller rings too', async () => {
    const { router, device } = await setup();
    const bob = device('bob');
    await router.ring(device('alice'), ring('bob'));
    await router.ring(device('carol'), ring('bob'));
    expect(bob.inbox.map((m) => m.type === 'ring' && m.from)).toEqual(['alice', 'carol']);
  });

  it('sends accepted once, only for the callee peer, and forgets both ids when the call ends', async () => {
    const { router, device, peers } = await setup();
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

  it('forgets a user once their last device leaves', async () => {
    const { router, device, presence } = await setup();
    const phone = device('bob');
    const laptop = device('bob');
    router.deviceGone(phone);
    expect(presence.devices('bob')).toEqual([laptop]);
    router.deviceGone(laptop);
    expect(presence.devices('bob')).toEqual([]);
  });
});
