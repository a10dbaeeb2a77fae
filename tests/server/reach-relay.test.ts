import { afterEach, describe, expect, it } from 'vitest';
import { befriend, Client, connectPeer, testServer } from './client';

const TURN = { secret: 'relay-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 };
const servers: Array<Awaited<ReturnType<typeof testServer>>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function people(turn: boolean) {
  const server = await testServer(turn ? { turn: TURN } : {});
  servers.push(server);
  const alice = await Client.signIn(server.wsUrl, 'alice');
  const bob = await Client.signIn(server.wsUrl, 'bob');
  const set = async (who: Client, settings: Record<string, unknown>) => {
    who.send({ type: 'settings.set', settings });
    await who.until('reach', (reach) => Object.entries(settings).every(([k, v]) => (reach.settings as Record<string, unknown>)[k] === v));
  };
  return { server, alice, bob, set };
}

/** Alice calls Bob, Bob accepts and his peer comes up: the relay flag each side was given. */
async function relayFlags(server: { wsUrl: string }, alice: Client, bob: Client) {
  const callId = alice.ring('bob');
  await bob.next('ring');
  bob.send({ type: 'accept', callId, media: 'audio' });
  const answered = await bob.next('answered');
  const peer = await connectPeer(server.wsUrl, answered.peerId, answered.peerToken);
  const accepted = await alice.next('accepted');
  if ('opened' in peer) peer.opened.close();
  alice.send({ type: 'hangup', callId });
  await bob.next('ended');
  return { callee: answered.relay, caller: accepted.relay, iceServers: answered.iceServers.length };
}

describe('relay', () => {
  it('says in the welcome whether the server has TURN', async () => {
    for (const turn of [true, false]) {
      const server = await testServer(turn ? { turn: TURN } : {});
      servers.push(server);
      const client = await Client.open(server.wsUrl);
      client.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle: 'alice' } });
      expect((await client.next('welcome')).relay).toBe(turn);
    }
  });

  it('goes direct between mutual contacts, on both sides', async () => {
    const { server, alice, bob } = await people(true);
    await befriend(alice, bob);
    expect(await relayFlags(server, alice, bob)).toEqual({ callee: false, caller: false, iceServers: 1 });
  });

  it('relays both sides between people who are not each other’s contacts', async () => {
    const { server, alice, bob, set } = await people(true);
    await set(bob, { whoCanCall: 'everyone' });
    expect(await relayFlags(server, alice, bob)).toEqual({ callee: true, caller: true, iceServers: 1 });
    // Listed one way only: still relayed, the one who did not list the other keeps their address.
    bob.send({ type: 'contact.add', handle: 'alice' });
    await bob.until('reach', (reach) => reach.contacts.includes('alice'));
    expect(await relayFlags(server, alice, bob)).toEqual({ callee: true, caller: true, iceServers: 1 });
  });

  it('relays a call between mutual contacts when either side always relays', async () => {
    const { server, alice, bob, set } = await people(true);
    await befriend(alice, bob);
    await set(alice, { alwaysRelay: true });
    expect(await relayFlags(server, alice, bob)).toMatchObject({ callee: true, caller: true });
    await set(alice, { alwaysRelay: false });
    await set(bob, { alwaysRelay: true });
    expect(await relayFlags(server, alice, bob)).toMatchObject({ callee: true, caller: true });
  });

  it('without TURN, refuses a call that must be relayed before anything rings, and lets a direct one through', async () => {
    const { alice, bob, set } = await people(false);
    await set(bob, { whoCanCall: 'everyone' });
    const callId = alice.ring('bob');
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'relay-unavailable' });
    bob.send({ type: 'ping' });
    await bob.next('pong');
    expect(bob.received).toEqual([]);

    await befriend(alice, bob);
    alice.ring('bob');
    await alice.next('ringing');
    expect((await bob.next('ring')).from).toBe('alice');
  });
});
