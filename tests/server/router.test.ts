import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../lib/protocol/wire';
import { PolicyViolation } from '../../server/calls/policy-violation';
import { CallRouter } from '../../server/calls/router';
import { InProcessState } from '../../server/cluster/in-process';
import { connectRedis } from '../../server/cluster/redis-adapter';
import { RedisState } from '../../server/cluster/redis-state';
import type { ClusterState } from '../../server/cluster/state';
import { silentLog } from '../../server/log';
import { MintedPeers } from '../../server/minted-peers';
import type { Device } from '../../server/presence';
import { RingGate } from '../../server/reach/ring-gate';
import { ReachService } from '../../server/reach/service';
import { ReachStore } from '../../server/reach/store';
import { openStorage } from '../../server/storage/storage';
import { startRedis } from './redis';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  // Every cleanup runs, whatever one before it threw: a Redis server left behind would outlive the run.
  const failures: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve().then(cleanup).catch((error: unknown) => failures.push(error));
  if (failures.length) throw new AggregateError(failures, 'cleanup failed');
});

type Inbox = Device & { inbox: ServerMessage[] };

/** One node's router over `state`; devices are inboxes; everyone lets everyone call, through a relay. */
async function node(state: ClusterState, ringTimeoutMs = 60_000) {
  const peers = new MintedPeers();
  const storage = await openStorage({}, silentLog);
  const store = new ReachStore(storage.db, 'dev');
  const gate = new RingGate(store, new ReachService(store, state, 60, () => {}, silentLog), { ringsPerMinute: 10, ringsToStrangerPerHour: 3 }, silentLog, state.limits);
  const relay = { available: true, iceServersFor: () => [] };
  const router = new CallRouter(state, peers, { ringTimeoutMs, ringGraceMs: 10_000, ringsAtOnce: 3 }, gate, silentLog, relay);
  cleanups.push(() => storage.close(), () => state.close(), () => router.shutdown());
  /** `install`: the browser install a session names, the same on each of its sockets. */
  const device = async (handle: string, install?: string) => {
    const inbox: ServerMessage[] = [];
    const d: Inbox = { node: state.node, id: randomUUID(), handle, ...(install && { install }), inbox, send: (m) => inbox.push(m) };
    await state.addDevice(d);
    return d;
  };
  for (const handle of ['alice', 'bob', 'carol']) await store.setSettings(`@${handle}`, { whoCanCall: 'everyone' });
  return { state, peers, router, device };
}

/** A fresh Redis per test, so no test sees another's devices. */
async function redisState(name: string, redisUrl?: string, heartbeatMs?: number) {
  let url = redisUrl;
  if (!url) {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    url = redis.url;
  }
  return { url, state: await RedisState.start(name, await connectRedis(url, () => {}), silentLog, heartbeatMs) };
}

const ring = (to: string, callId = randomUUID()) => ({ type: 'ring' as const, callId, to, media: 'audio' as const });
/** Messages between nodes travel through Redis: waits for what must arrive. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > 5000) throw new Error(`never happened: ${what}`);
  }
}
const types = (device: Inbox) => device.inbox.map((m) => m.type);

const implementations: Array<[string, () => Promise<ClusterState>]> = [
  ['in process', async () => new InProcessState()],
  ['Redis', async () => (await redisState('a')).state],
];

describe.each(implementations)('CallRouter, state %s', (_name, makeState) => {
  it('throws a PolicyViolation for a callId already in use', async () => {
    const { router, device } = await node(await makeState());
    const alice = await device('alice');
    await device('bob');
    const message = ring('bob');
    await router.ring(alice, message);
    await expect(router.ring(await device('carol'), { ...message })).rejects.toThrow(PolicyViolation);
  });

  it('keeps the callee ringable while only ringing: a second caller rings too', async () => {
    const { router, device } = await node(await makeState());
    const bob = await device('bob');
    await router.ring(await device('alice'), ring('bob'));
    await router.ring(await device('carol'), ring('bob'));
    expect(bob.inbox.map((m) => m.type === 'ring' && m.from)).toEqual(['alice', 'carol']);
  });

  it('sends accepted once, only for the callee peer, and forgets both ids when the call ends', async () => {
    const { router, device, peers } = await node(await makeState());
    const alice = await device('alice');
    const bob = await device('bob');
    const message = ring('bob');
    await router.ring(alice, message);
    await router.accept(bob, { type: 'accept', callId: message.callId, media: 'audio' });
    const answered = bob.inbox.find((m) => m.type === 'answered');
    if (answered?.type !== 'answered') throw new Error('no answered');

    const before = alice.inbox.length;
    await router.peerConnected(randomUUID());
    expect(alice.inbox.length).toBe(before);
    await router.peerConnected(answered.peerId);
    await router.peerConnected(answered.peerId);
    const accepted = alice.inbox.filter((m) => m.type === 'accepted');
    expect(accepted).toHaveLength(1);
    const callerPeerId = accepted[0]?.type === 'accepted' ? accepted[0].peerId : '';
    await router.peerConnected(callerPeerId);
    expect(alice.inbox.filter((m) => m.type === 'accepted')).toHaveLength(1);

    await router.hangup(alice, { type: 'hangup', callId: message.callId });
    expect(peers.admits(answered.peerId, answered.peerToken)).toBe(false);
    expect(peers.callOf(callerPeerId)).toBeUndefined();
  });

  it('lets exactly one of two devices answering at once win', async () => {
    const { router, device } = await node(await makeState());
    const alice = await device('alice');
    const [phone, laptop] = [await device('bob'), await device('bob')];
    const message = ring('bob');
    await router.ring(alice, message);
    const accept = { type: 'accept' as const, callId: message.callId, media: 'audio' as const };
    await Promise.all([router.accept(phone, accept), router.accept(laptop, accept)]);
    expect([...types(phone), ...types(laptop)].filter((t) => t === 'answered')).toHaveLength(1);
    expect([...phone.inbox, ...laptop.inbox].filter((m) => m.type === 'ended')).toEqual([{ type: 'ended', callId: message.callId, reason: 'answered-elsewhere' }]);
  });

  it("tells the caller's install, back on a new socket, how its ring ends; the account's other install hears nothing", async () => {
    const { router, device } = await node(await makeState());
    const alice = await device('alice', 'install-1');
    const bob = await device('bob');
    const message = ring('bob');
    await router.ring(alice, message);
    const [otherInstall, back] = [await device('alice', 'install-2'), await device('alice', 'install-1')];
    for (const joined of [otherInstall, back]) await router.deviceJoined(joined);
    await router.decline(bob, { type: 'decline', callId: message.callId });
    expect(back.inbox).toEqual([{ type: 'ended', callId: message.callId, reason: 'declined' }]);
    expect(otherInstall.inbox).toEqual([]);
  });

  it('forgets a user once their last device leaves', async () => {
    const { router, device, state } = await node(await makeState());
    const phone = await device('bob');
    const laptop = await device('bob');
    await router.deviceGone(phone);
    expect((await state.devices('bob')).map((d) => d.id)).toEqual([laptop.id]);
    await router.deviceGone(laptop);
    expect(await state.devices('bob')).toEqual([]);
  });
});

describe('CallRouter on two nodes sharing one Redis', () => {
  async function twoNodes(heartbeatMs?: number, ringTimeoutMs?: number) {
    const first = await redisState('node-a', undefined, heartbeatMs);
    const a = await node(first.state, ringTimeoutMs);
    const b = await node((await redisState('node-b', first.url, heartbeatMs)).state, ringTimeoutMs);
    return { a, b };
  }

  it('rings a callee on the other node, which accepts there: the answer names its PeerServer', async () => {
    const { a, b } = await twoNodes();
    const alice = await a.device('alice');
    const bob = await b.device('bob');
    const message = ring('bob');
    await a.router.ring(alice, message);
    await until(() => types(bob).includes('ring'), 'ring on node b');
    await b.router.accept(bob, { type: 'accept', callId: message.callId, media: 'audio' });
    expect(bob.inbox.find((m) => m.type === 'answered')).toMatchObject({ peerPath: '/n/node-b/peerjs' });
    const answered = bob.inbox.find((m) => m.type === 'answered');
    if (answered?.type !== 'answered') throw new Error('no answered');
    await b.router.peerConnected(answered.peerId);
    await until(() => types(alice).includes('accepted'), 'accepted on node a');
    expect(alice.inbox.find((m) => m.type === 'accepted')).toMatchObject({ remotePeerId: answered.peerId, peerPath: '/n/node-b/peerjs' });

    // Hung up on node a: node b's PeerServer stops admitting the call's ids.
    await a.router.hangup(alice, { type: 'hangup', callId: message.callId });
    await until(() => types(bob).includes('ended'), 'ended on node b');
    expect(bob.inbox.at(-1)).toEqual({ type: 'ended', callId: message.callId, reason: 'remote-hangup' });
    await until(() => !b.peers.admits(answered.peerId, answered.peerToken) && b.peers.callOf(answered.peerId) === undefined, 'ids forgotten on node b');
  });

  it('lets one device win when two nodes accept the same ring at once', async () => {
    const { a, b } = await twoNodes();
    const alice = await a.device('alice');
    const [here, there] = [await a.device('bob'), await b.device('bob')];
    const message = ring('bob');
    await a.router.ring(alice, message);
    await until(() => types(there).includes('ring'), 'ring on node b');
    const accept = { type: 'accept' as const, callId: message.callId, media: 'audio' as const };
    await Promise.all([a.router.accept(here, accept), b.router.accept(there, accept)]);
    await until(() => [...types(here), ...types(there)].includes('ended'), 'the loser told');
    expect([...types(here), ...types(there)].filter((t) => t === 'answered')).toHaveLength(1);
  });

  it('counts a rate limit once across nodes, and takes a stopped node\'s devices offline at once', async () => {
    const { a, b } = await twoNodes(100);
    const carol = await b.device('carol');
    // ringsPerMinute is 10: five on each node and the eleventh, on either, is refused.
    for (let i = 0; i < 5; i += 1) for (const n of [a, b]) expect(await n.state.limits('rings', 10, 60_000).take('@alice')).toBe(true);
    expect(await a.state.limits('rings', 10, 60_000).take('@alice')).toBe(false);

    expect((await a.state.devices('carol')).map((d) => d.id)).toEqual([carol.id]);
    // Stopped on purpose: nobody waits for its heartbeat to lapse (a killed node's is tests/server/cluster.test.ts).
    await b.state.close();
    expect(await a.state.devices('carol')).toEqual([]);
  });

  it("lists none of a node's devices from before it was killed once it starts again under the same NODE_ID", async () => {
    const first = await redisState('node-r');
    await (await node(first.state)).device('carol');
    const again = (await redisState('node-r', first.url)).state;
    cleanups.push(() => again.close());
    expect(await again.devices('carol')).toEqual([]);
  });

  it('ends a ring whose node died, from another node, once its deadline has passed', async () => {
    const { a, b } = await twoNodes(100, 300);
    const alice = await a.device('alice');
    const bob = await b.device('bob');
    const message = ring('bob');
    await a.router.ring(alice, message);
    await until(() => types(bob).includes('ring'), 'ring on node b');
    // Node a dies with the ring's timer: node b sees the deadline pass and ends it.
    a.router.shutdown();
    await a.state.close();
    await until(() => types(bob).includes('ended'), 'ended by node b');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bob.inbox.filter((m) => m.type === 'ended')).toEqual([{ type: 'ended', callId: message.callId, reason: 'no-answer' }]);
    expect(await b.state.call(message.callId)).toBeUndefined();
  });
});
