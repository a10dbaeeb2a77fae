import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, closedSocket, connectPeer, makeContacts, testServer } from './client';

const GRACE_MS = 300;
let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer({ ringGraceMs: GRACE_MS });
});
afterAll(() => server.close());

/** Distinct handles per test: they all share one server. */
let counter = 0;
const handle = (name: string) => `${name}${++counter}`;
const signIn = (name: string) => Client.signIn(server.wsUrl, name);
/** Each other's contacts, so a ring goes through (the default lets only contacts ring) and is direct. */
const contacts = (a: string, b: string) => makeContacts(server.wsUrl, a, b);

/** Rings `to` from `caller` and returns once the callee's device has the ring. */
async function ringAndWait(caller: Client, to: string, callee: Client, media: 'audio' | 'video' = 'video') {
  const callId = caller.ring(to, media);
  await caller.next('ringing');
  await callee.next('ring');
  return callId;
}

/** Accepts on `device`, brings its peer up, and returns once the caller has been told. */
async function connectCall(caller: Client, device: Client, callId: string) {
  device.send({ type: 'accept', callId, media: 'audio' });
  const answered = await device.next('answered');
  const peer = await connectPeer(server.wsUrl, answered.peerId, answered.peerToken);
  if (!('opened' in peer)) throw new Error(`callee peer refused: ${peer.refused}`);
  const accepted = await caller.next('accepted');
  return { answered, accepted, peer };
}

describe('a call', () => {
  it('rings, is accepted, connects through /peerjs and hangs up', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);

    const callId = alice.ring(b, 'video');
    expect(await alice.next('ringing')).toEqual({ type: 'ringing', callId, to: b });
    const ring = await bob.next('ring');
    expect(ring).toMatchObject({ callId, from: a, media: 'video' });
    expect(ring.expiresAt).toBeGreaterThan(Date.now());

    bob.send({ type: 'accept', callId, media: 'audio' });
    const answered = await bob.next('answered');
    expect(answered.peerId).toMatch(/^[0-9a-f]{32}$/);
    expect(answered.peerToken).toMatch(/^[0-9a-f]{32}$/);
    expect(answered.iceServers).toEqual([]);
    // The caller learns nothing until the callee's peer is actually up.
    expect(alice.received.filter((m) => m.type === 'accepted')).toEqual([]);

    const peer = await connectPeer(server.wsUrl, answered.peerId, answered.peerToken);
    expect(peer).toMatchObject({ first: { type: 'OPEN' } });

    const accepted = await alice.next('accepted');
    expect(accepted).toMatchObject({ callId, media: 'audio', remotePeerId: answered.peerId, iceServers: [] });
    expect(accepted.peerId).toMatch(/^[0-9a-f]{32}$/);
    expect(accepted.peerId).not.toBe(answered.peerId);
    expect(accepted.peerToken).not.toBe(answered.peerToken);
    expect(await connectPeer(server.wsUrl, accepted.peerId, accepted.peerToken)).toMatchObject({
      first: { type: 'OPEN' },
    });

    alice.send({ type: 'hangup', callId });
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId, reason: 'remote-hangup' });
    // Ending the call disconnects its peers and the minted ids admit nobody afterwards.
    if ('opened' in peer) await closedSocket(peer.opened);
    expect(await connectPeer(server.wsUrl, answered.peerId, answered.peerToken)).toEqual({ refused: 403 });
  });

  it('is declined: the caller and the other devices hear declined', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const phone = await signIn(b);
    const laptop = await signIn(b);
    const callId = alice.ring(b);
    await phone.next('ring');
    await laptop.next('ring');
    phone.send({ type: 'decline', callId });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'declined' });
    expect(await laptop.next('ended')).toEqual({ type: 'ended', callId, reason: 'declined' });
    expect(phone.received).toEqual([]);
  });

  it('is cancelled when the caller hangs up while it rings', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const callId = await ringAndWait(alice, b, bob);
    alice.send({ type: 'hangup', callId });
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId, reason: 'cancelled' });
  });

  it('is cancelled when the caller disconnects while it rings', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const callId = await ringAndWait(alice, b, bob);
    await alice.close();
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId, reason: 'cancelled' });
  });

  it('answers unavailable for a handle with no device, at once: offline reads like any refusal', async () => {
    const alice = await signIn(handle('alice'));
    const callId = alice.ring('nobody_here');
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'unavailable' });
  });

  it('ends offline for the caller when the last ringing device disconnects and none returns', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const phone = await signIn(b);
    const laptop = await signIn(b);
    const callId = alice.ring(b);
    await phone.next('ring');
    await laptop.next('ring');
    const gone = Date.now();
    await phone.close();
    await laptop.close();
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'offline' });
    expect(Date.now() - gone).toBeGreaterThanOrEqual(GRACE_MS - 20);
    expect(alice.received).toEqual([{ type: 'ringing', callId, to: b }]);
  });

  it('keeps ringing a callee whose browser reconnects within the grace period, and the ring can be accepted', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const before = await signIn(b);
    const callId = alice.ring(b);
    const firstRing = await before.next('ring');
    await before.close();
    const after = await signIn(b);
    const replayed = await after.next('ring');
    expect(replayed).toEqual(firstRing);
    await connectCall(alice, after, callId);
    expect(alice.received.some((m) => m.type === 'ended')).toBe(false);
  });

  it('answers unavailable when ringing yourself', async () => {
    const a = handle('alice');
    const alice = await signIn(a);
    const callId = alice.ring(a.toUpperCase());
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'unavailable' });
  });

  it('answers busy when the callee is in a live call, and not once that call ends', async () => {
    const [a, b, c] = [handle('alice'), handle('bob'), handle('carol')];
    await Promise.all([contacts(a, b), contacts(c, b)]);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const carol = await signIn(c);
    const first = await ringAndWait(alice, b, bob);
    await connectCall(alice, bob, first);

    const refused = carol.ring(b);
    expect(await carol.next('ended')).toEqual({ type: 'ended', callId: refused, reason: 'busy' });

    bob.send({ type: 'hangup', callId: first });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: first, reason: 'remote-hangup' });
    await ringAndWait(carol, b, bob);
  });

  it('answers unavailable when the caller already has a call going', async () => {
    const [a, b, c] = [handle('alice'), handle('bob'), handle('carol')];
    await Promise.all([contacts(a, b), contacts(c, b)]);
    const alice = await signIn(a);
    const bob = await signIn(b);
    await signIn(c);
    await ringAndWait(alice, b, bob);
    const second = alice.ring(c);
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: second, reason: 'unavailable' });
  });

  it('tells the other devices answered-elsewhere when one accepts', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const phone = await signIn(b);
    const laptop = await signIn(b);
    const callId = alice.ring(b);
    await phone.next('ring');
    await laptop.next('ring');
    laptop.send({ type: 'accept', callId, media: 'video' });
    expect(await phone.next('ended')).toEqual({ type: 'ended', callId, reason: 'answered-elsewhere' });
    await laptop.next('answered');
    // The losing device's late accept is about a call it is no longer part of: ignored, connection kept.
    phone.send({ type: 'accept', callId, media: 'video' });
    phone.send({ type: 'ping' });
    await phone.next('pong');
    expect(phone.received).toEqual([]);
  });

  it('ends remote-hangup for the other side when a party disconnects', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const callId = await ringAndWait(alice, b, bob);
    await connectCall(alice, bob, callId);
    await bob.close();
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'remote-hangup' });
  });

  it('tells the other side "connection lost" when a window gives up on a dead connection', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const callId = await ringAndWait(alice, b, bob);
    await connectCall(alice, bob, callId);
    alice.send({ type: 'hangup', callId, reason: 'connection-lost' });
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId, reason: 'connection-lost' });
  });

  it('ignores messages about calls the device is not part of', async () => {
    const [a, b, m] = [handle('alice'), handle('bob'), handle('mallory')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const mallory = await signIn(m);
    const callId = await ringAndWait(alice, b, bob);
    mallory.send({ type: 'accept', callId, media: 'video' });
    mallory.send({ type: 'hangup', callId });
    mallory.send({ type: 'decline', callId: randomUUID() });
    mallory.send({ type: 'ping' });
    await mallory.next('pong');
    expect(mallory.received).toEqual([]);
    expect(server.lines.some((line) => line.includes(`@${m} sent accept for call ${callId}`))).toBe(true);
    // The call itself is untouched: bob can still accept it.
    bob.send({ type: 'accept', callId, media: 'video' });
    await bob.next('answered');
  });

  it('closes 1008 when a callId is reused', async () => {
    const [a, b] = [handle('alice'), handle('bob')];
    await contacts(a, b);
    const alice = await signIn(a);
    const bob = await signIn(b);
    const callId = await ringAndWait(alice, b, bob);
    const mallory = await signIn(handle('mallory'));
    mallory.ring(b, 'video', callId);
    expect((await mallory.closed).code).toBe(1008);
  });
});

describe('ring limits', () => {
  it('ends no-answer on both sides when nobody answers in time', async () => {
    const quick = await testServer({ ringTimeoutMs: 300 });
    try {
      await makeContacts(quick.wsUrl, 'alice', 'bob');
      const alice = await Client.signIn(quick.wsUrl, 'alice');
      const phone = await Client.signIn(quick.wsUrl, 'bob');
      const laptop = await Client.signIn(quick.wsUrl, 'bob');
      const callId = alice.ring('bob');
      const ring = await phone.next('ring');
      expect(ring.expiresAt - Date.now()).toBeLessThanOrEqual(300);
      const noAnswer = { type: 'ended', callId, reason: 'no-answer' };
      expect(await alice.next('ended')).toEqual(noAnswer);
      expect(await phone.next('ended')).toEqual(noAnswer);
      expect(await laptop.next('ended')).toEqual(noAnswer);
    } finally {
      await quick.close();
    }
  });

  it('answers rate-limited past the rings-per-minute limit of a user, on any device', async () => {
    const strict = await testServer({ ringsPerMinute: 2 });
    try {
      const phone = await Client.signIn(strict.wsUrl, 'alice');
      const laptop = await Client.signIn(strict.wsUrl, 'alice');
      const unavailable = { type: 'ended', reason: 'unavailable' };
      phone.ring('x1');
      expect(await phone.next('ended')).toMatchObject(unavailable);
      laptop.ring('x2');
      expect(await laptop.next('ended')).toMatchObject(unavailable);
      phone.ring('x3');
      expect(await phone.next('ended')).toMatchObject({ type: 'ended', reason: 'rate-limited' });
      expect(strict.lines.some((line) => line.includes('@alice is over 2 rings a minute'))).toBe(true);
    } finally {
      await strict.close();
    }
  });
});
