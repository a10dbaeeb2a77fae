import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_GOING_AWAY } from '../../lib/protocol/close-codes';
import { childServer } from './child-server';
import { befriend, Client, connectPeer, testServer, tryUpgrade } from './client';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Alice calls Bob, Bob accepts and his peer comes up: a live call. */
async function liveCall(wsUrl: string, alice: Client, bob: Client): Promise<string> {
  await befriend(alice, bob);
  const callId = alice.ring('bob');
  await bob.next('ring');
  bob.send({ type: 'accept', callId, media: 'audio' });
  const answered = await bob.next('answered');
  expect(await connectPeer(wsUrl, answered.peerId, answered.peerToken)).toMatchObject({ first: { type: 'OPEN' } });
  await alice.next('accepted');
  return callId;
}

// A child process each (tsx starts it): slow on a loaded machine, hence the minute per test.
describe('a node stopped with SIGTERM drains', () => {
  it('sends idle clients elsewhere at once, lets a live call finish, refuses newcomers, then exits', async () => {
    const server = await childServer({ DRAIN_TIMEOUT_MS: '20000' });
    stops.push(server.stop);
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((h) => Client.signIn(server.wsUrl, h)));
    const callId = await liveCall(server.wsUrl, alice!, bob!);

    const signalled = Date.now();
    server.signal('SIGTERM');
    expect((await carol!.closed).code).toBe(CLOSE_GOING_AWAY);
    expect(Date.now() - signalled).toBeLessThan(2_000);
    // The load balancer takes the node out; a client that still reaches it is sent on.
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([503, { ok: false, draining: true }]);
    expect(await tryUpgrade(`${server.wsUrl}/ws`)).toEqual({ refused: 503 });
    expect(server.alive()).toBe(true);

    alice!.send({ type: 'hangup', callId });
    expect(await bob!.next('ended')).toMatchObject({ callId, reason: 'remote-hangup' });
    expect((await alice!.closed).code).toBe(CLOSE_GOING_AWAY);
    expect((await bob!.closed).code).toBe(CLOSE_GOING_AWAY);
    expect(await server.exited).toBe(0);
    // Well before the 20 s deadline: the node left once its last call was over.
    expect(Date.now() - signalled).toBeLessThan(15_000);
  }, 60_000);

  it('ends a call still going at the deadline, and says how many it cut off', async () => {
    const server = await childServer({ DRAIN_TIMEOUT_MS: '500' });
    stops.push(server.stop);
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((h) => Client.signIn(server.wsUrl, h)));
    await liveCall(server.wsUrl, alice!, bob!);
    const signalled = Date.now();
    server.signal('SIGTERM');
    expect((await alice!.closed).code).toBe(CLOSE_GOING_AWAY);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(450);
    expect(await server.exited).toBe(0);
    expect(server.said()).toMatch(/2 device\(s\) cut off mid-call/);
  }, 60_000);
});

describe('draining', () => {
  it('waits for a ring in progress to be answered or to end', async () => {
    const server = await testServer({ drainTimeoutMs: 10_000 });
    stops.push(server.close);
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((h) => Client.signIn(server.wsUrl, h)));
    await befriend(alice!, bob!);
    const callId = alice!.ring('bob');
    await bob!.next('ring');
    const drained = server.drain();
    bob!.send({ type: 'decline', callId });
    expect(await alice!.next('ended')).toMatchObject({ callId, reason: 'declined' });
    expect(await drained).toEqual({ cutShort: 0 });
    expect((await bob!.closed).code).toBe(CLOSE_GOING_AWAY);
  });

  it('waits for a call-link guest’s call to end before it lets the guest go', async () => {
    const turn = { secret: 'test-secret', urls: ['turn:127.0.0.1:3478'], ttlSeconds: 600 };
    const server = await testServer({ drainTimeoutMs: 10_000, turn });
    stops.push(server.close);
    const owner = await Client.signIn(server.wsUrl, 'olga');
    owner.send({ type: 'link.create' });
    const { token } = await owner.next('link.created');
    const guest = await Client.open(server.wsUrl, '/c/ws');
    guest.send({ type: 'guest.open', token });
    await guest.next('guest.link');
    const callId = randomUUID();
    guest.send({ type: 'guest.ring', callId, name: 'Ann', media: 'audio' });
    await owner.next('ring');
    owner.send({ type: 'accept', callId, media: 'audio' });
    const answered = await owner.next('answered');
    expect(await connectPeer(server.wsUrl, answered.peerId, answered.peerToken)).toMatchObject({ first: { type: 'OPEN' } });
    await guest.next('accepted');
    // A guest who has not rung is only looking at the page: sent on at once.
    const looking = await Client.open(server.wsUrl, '/c/ws');

    const drained = server.drain();
    expect((await looking.closed).code).toBe(CLOSE_GOING_AWAY);
    guest.send({ type: 'ping' });
    await guest.next('pong');
    guest.send({ type: 'hangup', callId });
    expect(await owner.next('ended')).toMatchObject({ callId, reason: 'remote-hangup' });
    // Its call over, the guest is sent on too, and the drain ends without cutting anyone off.
    expect((await guest.closed).code).toBe(CLOSE_GOING_AWAY);
    expect(await drained).toEqual({ cutShort: 0 });
  });
});
