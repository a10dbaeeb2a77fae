import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childServer } from './child-server';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { befriend, Client, closedSocket, makeContacts, tryUpgrade } from './client';
import { authorize, connectSession, newDevice, post, signIn, type XServer } from './sign-in-client';
import { startRedis, type TestRedis } from './redis';

/** Two server processes on one Redis and one database: each test's people sit on different nodes. */
const RING_TIMEOUT_MS = 4000;
let redis: TestRedis;
let dataDir: string;
let a: Awaited<ReturnType<typeof childServer>>;
let b: Awaited<ReturnType<typeof childServer>>;
const node = (id: string) => childServer({ REDIS_URL: redis.url, NODE_ID: id, DATA_DIR: dataDir, RING_TIMEOUT_MS: String(RING_TIMEOUT_MS), METRICS_PORT: '0' });

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(join(tmpdir(), 'ringside-cluster-'));
  // One after the other: the first migrates the shared database.
  a = await node('node-a');
  b = await node('node-b');
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let counter = 0;
/** Two people who are each other's contacts, with fresh handles. */
async function pair() {
  counter += 1;
  const [alice, bob] = [`alice${counter}`, `bob${counter}`];
  await makeContacts(a.wsUrl, alice, bob);
  return [alice, bob] as const;
}

async function ringAcross() {
  const [caller, callee] = await pair();
  const alice = await Client.signIn(a.wsUrl, caller);
  const bob = await Client.signIn(b.wsUrl, callee);
  const callId = alice.ring(callee, 'audio');
  await alice.next('ringing');
  expect(await bob.next('ring')).toMatchObject({ callId, from: caller });
  return { alice, bob, callId, callee };
}

/** PeerJS's socket on the node the answer named, as the call window opens it. */
const peerOn = (wsUrl: string, path: string | undefined, id: string, token: string) => tryUpgrade(`${wsUrl}${path}/peerjs?key=peerjs&id=${id}&token=${token}`);

describe('a call between people on two nodes', () => {
  it('rings, connects both PeerJS peers on the node that answered, and hangs up on the other side', async () => {
    const { alice, bob, callId } = await ringAcross();
    bob.send({ type: 'accept', callId, media: 'audio' });
    const answered = await bob.next('answered');
    expect(answered.peerPath).toBe('/n/node-b/peerjs');
    // The ids were minted on node b: node a's PeerServer does not know them.
    expect(await peerOn(a.wsUrl, '/peerjs', answered.peerId, answered.peerToken)).toEqual({ refused: 403 });
    const calleePeer = await peerOn(b.wsUrl, answered.peerPath, answered.peerId, answered.peerToken);
    expect(calleePeer).toMatchObject({ first: { type: 'OPEN' } });

    const accepted = await alice.next('accepted');
    expect(accepted).toMatchObject({ callId, remotePeerId: answered.peerId, peerPath: '/n/node-b/peerjs' });
    const callerPeer = await peerOn(b.wsUrl, accepted.peerPath, accepted.peerId, accepted.peerToken);
    expect(callerPeer).toMatchObject({ first: { type: 'OPEN' } });
    // The node's PeerServer answers on both its paths yet relays each message once (a second mount doubled them).
    if (!('opened' in calleePeer) || !('opened' in callerPeer)) throw new Error('peers not open');
    const offers: unknown[] = [];
    calleePeer.opened.on('message', (data) => offers.push(JSON.parse(data.toString())));
    callerPeer.opened.send(JSON.stringify({ type: 'OFFER', dst: answered.peerId, payload: { sdp: { type: 'offer', sdp: 'v=0' }, type: 'media', connectionId: 'mc_1' } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(offers).toMatchObject([{ type: 'OFFER', src: accepted.peerId }]);

    bob.send({ type: 'hangup', callId });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'remote-hangup' });
    await closedSocket(calleePeer.opened);
  });

  it('is declined on one node: the caller on the other hears declined', async () => {
    const { alice, bob, callId } = await ringAcross();
    bob.send({ type: 'decline', callId });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'declined' });
  });

  it('is cancelled by the caller: the callee on the other node stops ringing', async () => {
    const { alice, bob, callId } = await ringAcross();
    alice.send({ type: 'hangup', callId });
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId, reason: 'cancelled' });
  });

  it('ends no-answer on both nodes when nobody answers in time', async () => {
    const { alice, bob, callId } = await ringAcross();
    const waitMs = RING_TIMEOUT_MS + 3000;
    expect(await alice.next('ended', waitMs)).toEqual({ type: 'ended', callId, reason: 'no-answer' });
    expect(await bob.next('ended', waitMs)).toEqual({ type: 'ended', callId, reason: 'no-answer' });
  });

  it('answered on one node: the callee\'s device on the other hears answered-elsewhere, once', async () => {
    const { bob, callId, callee } = await ringAcross();
    const laptop = await Client.signIn(a.wsUrl, callee);
    expect(await laptop.next('ring')).toMatchObject({ callId });
    laptop.send({ type: 'accept', callId, media: 'audio' });
    expect(await laptop.next('answered')).toMatchObject({ peerPath: '/n/node-a/peerjs' });
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId, reason: 'answered-elsewhere' });
    expect(bob.received.filter((m) => m.type === 'answered' || m.type === 'ended')).toEqual([]);
  });
});

describe('what the operator sees of a call across two nodes', () => {
  /** Rings counted by outcome on one node's /metrics, summed over outcomes. */
  async function ringsCounted(on: typeof a, outcome = '[^"]+'): Promise<number> {
    const text = await (await fetch(on.metricsUrl()!)).text();
    return [...text.matchAll(new RegExp(`^ringside_rings_total\\{outcome="${outcome}"\\} (\\d+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  }
  /** The call's story as one node logged it: each line's event, and what a relayed message was. */
  const story = (on: typeof a, callId: string) => on.logLines().filter((line) => line.callId === callId).map((line) => (line.event === 'relayed' ? `relayed ${String(line.type)}` : line.event));

  it('logs the call on both nodes under its callId, ring to end, counts its ring once, and names nobody but the caller', async () => {
    const counted = async (outcome?: string) => (await ringsCounted(a, outcome)) + (await ringsCounted(b, outcome));
    const [before, answeredBefore] = [await counted(), await counted('answered')];
    const { alice, bob, callId, callee } = await ringAcross();
    bob.send({ type: 'accept', callId, media: 'audio' });
    const answered = await bob.next('answered');
    const calleePeer = await peerOn(b.wsUrl, answered.peerPath, answered.peerId, answered.peerToken);
    await alice.next('accepted');
    alice.send({ type: 'hangup', callId });
    expect(await bob.next('ended')).toMatchObject({ reason: 'remote-hangup' });
    if ('opened' in calleePeer) await closedSocket(calleePeer.opened);

    // The caller's node decided the ring and the end; the callee's node the answer and the PeerJS side.
    // A log line may reach this process a moment after the message it preceded (another pipe).
    await expect.poll(() => story(a, callId)).toEqual(['ring', 'relayed accepted', 'ended']);
    await expect.poll(() => story(b, callId)).toEqual(['relayed ring', 'answered', 'peer-open', 'caller-told', 'peers-closed', 'relayed ended']);
    for (const [on, id] of [[a, 'node-a'], [b, 'node-b']] as const) {
      expect(new Set(on.logLines().filter((line) => line.callId === callId).map((line) => line.node))).toEqual(new Set([id]));
    }
    const lines = JSON.stringify([...a.logLines(), ...b.logLines()].filter((line) => line.callId === callId));
    expect(lines).not.toContain(callee);
    expect(lines).not.toContain(answered.peerToken);
    expect(await counted()).toBe(before + 1);
    expect(await counted('answered')).toBe(answeredBefore + 1);
  });
});

describe('presence across nodes', () => {
  it('a watcher on one node sees a contact come online on the other, and leave', async () => {
    const [carol, dave] = await pair();
    const watcher = await Client.signIn(a.wsUrl, carol);
    watcher.send({ type: 'presence.watch', handles: [dave] });
    expect(await watcher.next('presence.changed')).toEqual({ type: 'presence.changed', states: [{ handle: dave, state: 'offline' }] });
    const daveOnB = await Client.signIn(b.wsUrl, dave);
    expect(await watcher.next('presence.changed')).toEqual({ type: 'presence.changed', states: [{ handle: dave, state: 'online' }] });
    await daveOnB.close();
    expect(await watcher.next('presence.changed')).toEqual({ type: 'presence.changed', states: [{ handle: dave, state: 'offline' }] });
  });
});

describe('people signed in with X, on two nodes', () => {
  let standIn: XStandIn;
  let xData: string;
  let c: Awaited<ReturnType<typeof childServer>>;
  let d: Awaited<ReturnType<typeof childServer>>;
  beforeAll(async () => {
    standIn = await startXStandIn();
    // Sign in with X on both nodes, sharing their own database: sessions live there, not in a node.
    xData = mkdtempSync(join(tmpdir(), 'ringside-cluster-x-'));
    const xNode = (id: string) => childServer({ ...standIn.env, REDIS_URL: redis.url, NODE_ID: id, DATA_DIR: xData, RING_TIMEOUT_MS: String(RING_TIMEOUT_MS * 3), CLUSTER_HEARTBEAT_MS: '200' });
    d = await xNode('node-d');
    c = await xNode('node-c');
  }, 60_000);
  afterAll(async () => {
    await Promise.all([c?.stop(), d?.stop()]);
    await standIn?.close();
    rmSync(xData, { recursive: true, force: true });
  });

  /** A fresh X account logged in to the stand-in: its id and X's cookie for it. */
  function xAccount(username: string) {
    const id = String(2_000_000 + ++counter);
    standIn.setUser({ id, username: `${username}${counter}`, name: username });
    return { id, username: `${username}${counter}`, cookie: standIn.logIn(id) };
  }

  /** What the sign-in helpers read of a server: its addresses. */
  const reached = (on: { url: string; wsUrl: string }) => on as XServer;

  /** A fresh X account signed in through node `on` from a new browser install. */
  async function xPerson(username: string, on: { url: string; wsUrl: string }) {
    const device = await newDevice();
    const { sessionId } = await signIn(reached(on), standIn, device, xAccount(username).cookie);
    const connect = async (to: { url: string; wsUrl: string }) => Client.signInWith(connectSession(reached(to), sessionId, device));
    return { connect, socket: await connect(on) };
  }

  it('finishes a Sign in with X on the other node than it began, and refuses its state a second time on either', async () => {
    const erin = xAccount('erin');
    const device = await newDevice();
    const { state, code, verifier } = await authorize(reached(d), standIn, device, erin.cookie);
    const exchange = (on: typeof c) => post(reached(on), '/auth/x/exchange', { state, code, codeVerifier: verifier });
    const signedIn = await exchange(c);
    expect(signedIn).toMatchObject({ status: 200, body: { self: { handle: erin.username.toLowerCase() } } });
    const refused = { status: 400, body: { error: 'That sign-in was not started here or has expired. Please sign in again.' } };
    expect(await exchange(c)).toMatchObject(refused);
    expect(await exchange(d)).toMatchObject(refused);
  });

  it('knows a call link’s guest who signed in with X through one node when the guest page talks to the other', async () => {
    const owner = await xPerson('olive', d);
    owner.socket.send({ type: 'link.create' });
    const { token } = await owner.socket.next('link.created');
    const guestOn = async (on: typeof c, cookie?: string) => {
      const page = await Client.open(on.wsUrl, '/c/ws', cookie);
      page.send({ type: 'guest.open', token });
      return { page, link: await page.next('guest.link') };
    };
    // The page talks to node d and begins there; X sends the browser back through the balancer, to node c.
    const { page } = await guestOn(d);
    page.send({ type: 'guest.x-begin', base: `${d.url}/c/` });
    const { url } = await page.next('guest.x-authorize');
    const guest = xAccount('Gwen');
    const back = await standIn.authorizeAs(url, guest.cookie);
    const done = await fetch(`${c.url}${back.pathname}${back.search}`, { redirect: 'manual' });
    expect(done.status).toBe(303);
    const cookie = done.headers.get('set-cookie')!.split(';')[0]!;
    for (const on of [c, d]) expect((await guestOn(on, cookie)).link).toMatchObject({ owner: owner.socket.handle, you: { name: 'Gwen', handle: guest.username.toLowerCase() } });
    // The X sign-in's state was used once: its callback replayed on either node sets nothing.
    for (const on of [c, d]) expect((await fetch(`${on.url}${back.pathname}${back.search}`, { redirect: 'manual' })).status).toBe(400);
  });

  // Last: it kills node c.
  it('keeps the session when a node is killed mid-ring, and rings the callee once more on the node their device moves to', async () => {
    const alice = await xPerson('alice', d);
    const bob = await xPerson('bob', c);
    await befriend(alice.socket, bob.socket);
    alice.socket.send({ type: 'presence.watch', handles: [bob.socket.handle] });
    const callId = alice.socket.ring(bob.socket.handle, 'audio');
    await bob.socket.next('ring');
    await alice.socket.until('presence.changed', (m) => m.states.some((s) => s.state === 'busy'));
    c.signal('SIGKILL');
    await c.exited;
    expect((await bob.socket.closed).code).toBe(1006);
    // Node c's heartbeat lapses: node d takes its devices offline, and Alice, watching, sees it.
    await alice.socket.until('presence.changed', (m) => m.states.some((s) => s.state === 'offline'), 5000);

    // The device reconnects through the balanced address, lands on node d, and its session still holds.
    const moved = await bob.connect(d);
    expect(moved.handle).toBe(bob.socket.handle);
    expect(await moved.next('ring')).toMatchObject({ callId, from: alice.socket.handle, verified: true });
    moved.send({ type: 'accept', callId, media: 'audio' });
    expect(await moved.next('answered')).toMatchObject({ callId, peerPath: '/n/node-d/peerjs' });
    expect(moved.received.filter((m) => m.type === 'ring')).toEqual([]);
    expect(alice.socket.received.filter((m) => m.type === 'ended')).toEqual([]);
  }, 90_000);
});
