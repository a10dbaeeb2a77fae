import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { RING_SOCKET_PATH } from '../../lib/protocol/endpoints';
import { openFilesLimit } from '../../server/fd-limit';
import { befriend, Client, connectPeer, testServer } from './client';

const servers: Array<Awaited<ReturnType<typeof testServer>>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function started(maxPeerSockets?: number, connections?: number) {
  // The connection guard's total is the open-files limit less the reserve: a reserve that leaves `connections`.
  const fdReserve = connections === undefined ? undefined : openFilesLimit() - connections;
  const server = await testServer({ maxPeerSockets, connectionsPerAddress: 1000, metrics: { host: '127.0.0.1', port: 0 }, ...(fdReserve && { fdReserve }) });
  servers.push(server);
  return server;
}

async function sample(url: string, series: string): Promise<number | undefined> {
  const line = (await (await fetch(url)).text()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function peer(wsUrl: string, id: string, token: string): Promise<WebSocket> {
  const outcome = await connectPeer(wsUrl, id, token);
  if (!('opened' in outcome)) throw new Error(`peer refused ${outcome.refused}`);
  return outcome.opened;
}

/** Two contacts signed in, a ring from the first to the second, and the callee's accept sent. */
async function answeredCall(wsUrl: string, name: string) {
  const [caller, callee] = await Promise.all([Client.signIn(wsUrl, `${name}_a`), Client.signIn(wsUrl, `${name}_b`)]);
  await befriend(caller, callee);
  const callId = caller.ring(callee.handle, 'audio');
  await callee.next('ring');
  callee.send({ type: 'accept', callId, media: 'audio' });
  return { caller, callee, callId };
}

describe('a node that is full', () => {
  it('ends a call it has no room for at the answer, telling both people why, and counts it', async () => {
    const server = await started(2);
    const first = await answeredCall(server.wsUrl, 'first');
    const answered = await first.callee.next('answered');
    await peer(server.wsUrl, answered.peerId, answered.peerToken);
    const accepted = await first.caller.next('accepted');
    await peer(server.wsUrl, accepted.peerId, accepted.peerToken);

    const second = await answeredCall(server.wsUrl, 'second');
    expect(await second.caller.next('ended')).toEqual({ type: 'ended', callId: second.callId, reason: 'server-full' });
    expect(await second.callee.next('ended')).toEqual({ type: 'ended', callId: second.callId, reason: 'server-full' });
    expect(second.callee.received.some((m) => m.type === 'answered')).toBe(false);
    expect(await sample(server.metricsUrl!, 'ringside_server_full_total{limit="peer_sockets"}')).toBe(1);
    expect(await sample(server.metricsUrl!, 'ringside_rings_total{outcome="server-full"}')).toBe(1);
  });

  it('keeps room for the peers of a call just answered: a second call answered before they connect ends at the answer, in words', async () => {
    const server = await started(3);
    const first = await answeredCall(server.wsUrl, 'one');
    const firstAnswered = await first.callee.next('answered');
    const second = await answeredCall(server.wsUrl, 'two');

    expect(await second.caller.next('ended')).toEqual({ type: 'ended', callId: second.callId, reason: 'server-full' });
    expect(await second.callee.next('ended')).toEqual({ type: 'ended', callId: second.callId, reason: 'server-full' });
    expect(await sample(server.metricsUrl!, 'ringside_server_full_total{limit="peer_sockets"}')).toBe(1);
    // The first call's two peers still find the room kept for them, and it goes on.
    await peer(server.wsUrl, firstAnswered.peerId, firstAnswered.peerToken);
    const firstAccepted = await first.caller.next('accepted');
    await peer(server.wsUrl, firstAccepted.peerId, firstAccepted.peerToken);
    expect(first.caller.received.some((m) => m.type === 'ended')).toBe(false);
  });

  it('keeps the descriptors of a call just answered from a newcomer, so both its peers connect', async () => {
    // Room for four connections: the two people's /ws sockets and their call's two peers.
    const server = await started(undefined, 4);
    const call = await answeredCall(server.wsUrl, 'kept');
    const answered = await call.callee.next('answered');
    const newcomer = new WebSocket(`${server.wsUrl}${RING_SOCKET_PATH}`);
    const outcome = await new Promise((resolve) => {
      newcomer.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      newcomer.once('open', () => resolve('opened'));
    });
    expect(outcome).toBe(503);
    await peer(server.wsUrl, answered.peerId, answered.peerToken);
    const accepted = await call.caller.next('accepted');
    await peer(server.wsUrl, accepted.peerId, accepted.peerToken);
    expect(call.caller.received.some((m) => m.type === 'ended')).toBe(false);
  });

  it('ends a call at the answer when the process has no descriptors left for its two PeerJS sockets', async () => {
    // Room for three connections: the two people's /ws sockets take two.
    const server = await started(undefined, 3);
    const call = await answeredCall(server.wsUrl, 'tight');
    expect(await call.caller.next('ended')).toEqual({ type: 'ended', callId: call.callId, reason: 'server-full' });
    expect(await call.callee.next('ended')).toEqual({ type: 'ended', callId: call.callId, reason: 'server-full' });
    expect(await sample(server.metricsUrl!, 'ringside_server_full_total{limit="connections"}')).toBe(1);
  });
});

/** Everything the server writes to a new raw connection before it closes it. */
function answerToNewConnection(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect({ host: hostname, port: Number(port) });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('a node at its connection cap', () => {
  it('refuses a newcomer with a 503 and Retry-After, and lets the people mid-sign-in finish', async () => {
    const server = await started(undefined, 3);
    const alice = await Client.signIn(server.wsUrl, 'alice');
    // Challenged, not yet said hello: the moment the bench saw such sockets closed 1006 to make room.
    const bob = await Client.open(server.wsUrl);
    const carol = await Client.open(server.wsUrl);

    const answer = await answerToNewConnection(server.url);
    expect(answer).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(answer).toMatch(/\r\nRetry-After: 60\r\n/);
    for (const [client, handle] of [[bob, 'bob'], [carol, 'carol']] as const) {
      client.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle } });
      expect((await client.next('welcome')).self.handle).toBe(handle);
    }
    alice.send({ type: 'ping' });
    await alice.next('pong');
    expect(await sample(server.metricsUrl!, 'ringside_connections_refused_total{reason="server_full"}')).toBe(1);
  });
});

describe('many hang-ups at once', () => {
  it('close every PeerJS socket of every call and tell every other side', async () => {
    const server = await started();
    const calls = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const call = await answeredCall(server.wsUrl, `mass${i}`);
        const answered = await call.callee.next('answered');
        const calleePeer = await peer(server.wsUrl, answered.peerId, answered.peerToken);
        const accepted = await call.caller.next('accepted');
        return { ...call, peers: [calleePeer, await peer(server.wsUrl, accepted.peerId, accepted.peerToken)] };
      }),
    );
    const closes = calls.flatMap((call) => call.peers.map((socket) => new Promise<number>((resolve) => socket.once('close', resolve))));
    for (const call of calls) call.caller.send({ type: 'hangup', callId: call.callId });

    const told = await Promise.all(calls.map((call) => call.callee.until('ended', (m) => m.callId === call.callId)));
    expect(told.every((m) => m.reason === 'remote-hangup')).toBe(true);
    expect(await Promise.all(closes)).toEqual(closes.map(() => 1000));
    // The server's side of each close may come a moment after the client's.
    await vi.waitFor(async () => expect(await sample(server.metricsUrl!, 'ringside_sockets{path="peerjs"}')).toBe(0));
  });
});
