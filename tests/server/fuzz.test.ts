import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { Client, connectPeer, makeContacts, testServer } from './client';
import { generator } from './fuzz';
import { EXTENSION_ORIGIN, newDevice, REDIRECT_URI, xServer, type XServer } from './sign-in-client';

const SEED = 19;
const WS_MESSAGES = 5500;
const PEER_MESSAGES = 2500;
const PEER_URLS = 500;
const AUTH_REQUESTS = 1500;
/** Internal failures are logged with these; a refusal never is. */
const CRASH = /failed|internal error/;

let dev: Awaited<ReturnType<typeof testServer>>;
let standIn: XStandIn;
let x: XServer;
beforeAll(async () => {
  // Rate limits would close the fuzzing sockets before the parsers saw much: opened wide here.
  dev = await testServer({ messagesPerSecond: 1e6, messageBurst: 1e6, peerMessagesPerSecond: 1e6 });
  standIn = await startXStandIn();
  x = await xServer(standIn);
});
afterAll(async () => {
  await Promise.all([dev.close(), x.close()]);
  await standIn.close();
});

function sendAll(socket: WebSocket, frames: string[]): Promise<void> {
  return new Promise((resolve) => {
    for (const frame of frames) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    if (socket.readyState !== WebSocket.OPEN) return resolve();
    // Sent: wait until the server has read them (a ping answered) or closed the socket.
    socket.once('close', () => resolve());
    socket.ping();
    socket.once('pong', () => resolve());
  });
}

describe(`10,000 generated messages (seed ${SEED})`, () => {
  it('leave /ws, /peerjs and /auth standing, with nothing changed', async () => {
    const fuzz = generator(SEED);
    await Promise.all([makeContacts(dev.wsUrl, 'alice', 'bob'), makeContacts(dev.wsUrl, 'carol', 'watcher')]);
    const watcher = await Client.signIn(dev.wsUrl, 'watcher');
    const tokenCalls = standIn.calls.token;

    // /ws: bent client messages from one signed-in handle, a new socket whenever the server closes one.
    const wsValid = [
      { type: 'hello', v: 1, auth: { kind: 'dev', handle: 'fuzzer' } },
      { type: 'ping' },
      { type: 'sign-out', everywhere: false },
      { type: 'ring', callId: randomUUID(), to: 'nobody_here', media: 'audio' },
      { type: 'accept', callId: randomUUID(), media: 'video' },
      { type: 'decline', callId: randomUUID() },
      { type: 'hangup', callId: randomUUID(), reason: 'connection-lost' },
      { type: 'presence.watch', handles: ['alice', 'nobody_here'] },
      { type: 'presence.watch', handles: ['watcher', 'alice'] },
      { type: 'contact.add', handle: 'watcher' },
      { type: 'block', handle: 'watcher' },
      { type: 'settings.set', settings: { whoCanCall: 'everyone', status: 'dnd' } },
    ];
    for (let sent = 0; sent < WS_MESSAGES; ) {
      const fuzzer = await Client.signIn(dev.wsUrl, 'fuzzer');
      const batch = Array.from({ length: Math.min(50, WS_MESSAGES - sent) }, () => fuzz.frame(wsValid));
      sent += batch.length;
      await sendAll(fuzzer.socket, batch);
      fuzzer.socket.terminate();
    }

    // /peerjs: bent PeerJS messages from an admitted peer, and bent upgrade URLs.
    const alice = await Client.signIn(dev.wsUrl, 'alice');
    const bob = await Client.signIn(dev.wsUrl, 'bob');
    const callId = alice.ring('bob');
    await bob.next('ring');
    bob.send({ type: 'accept', callId, media: 'audio' });
    const minted = await bob.next('answered');
    const peerValid = [
      { type: 'HEARTBEAT' },
      { type: 'OFFER', dst: minted.peerId, payload: { sdp: { type: 'offer', sdp: 'v=0' }, type: 'media', connectionId: 'mc_1' } },
      { type: 'CANDIDATE', dst: minted.peerId, payload: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } } },
      { type: 'LEAVE', dst: minted.peerId },
    ];
    for (let sent = 0; sent < PEER_MESSAGES; ) {
      const peer = await connectPeer(dev.wsUrl, minted.peerId, minted.peerToken);
      if (!('opened' in peer)) throw new Error(`minted peer refused ${peer.refused}`);
      const batch = Array.from({ length: Math.min(100, PEER_MESSAGES - sent) }, () => fuzz.frame(peerValid));
      sent += batch.length;
      await sendAll(peer.opened, batch);
      if (peer.opened.readyState !== WebSocket.CLOSED) {
        const closed = new Promise((resolve) => peer.opened.once('close', resolve));
        peer.opened.terminate();
        await closed;
      }
    }
    const query = { key: 'peerjs', id: minted.peerId, token: minted.peerToken };
    for (let i = 0; i < PEER_URLS; i += 25) {
      const urls = Array.from({ length: 25 }, () => {
        const bent = fuzz.mutate(query) as Record<string, unknown>;
        const params = new URLSearchParams(Object.entries(bent && typeof bent === 'object' ? bent : {}).map(([k, v]) => [k, String(v)]));
        return `${dev.wsUrl}/peerjs/peerjs?${params}`;
      });
      const outcomes = await Promise.all(urls.map((url) => tryOnce(url)));
      // A bent URL is refused, unless the bending left it exactly the minted id and token.
      outcomes.forEach((outcome, n) => expect(outcome === 'refused' || new URL(urls[n]!).searchParams.get('token') === minted.peerToken, urls[n]).toBe(true));
    }

    // /auth: bent sign-in requests, 20 at a time.
    const { publicKey } = await newDevice();
    const authValid = [
      { devicePublicKey: publicKey, codeChallenge: 'a'.repeat(43), redirectUri: REDIRECT_URI },
      { state: 'b'.repeat(43), code: 'code', codeVerifier: 'c'.repeat(43) },
    ];
    for (let i = 0; i < AUTH_REQUESTS; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const path = fuzz.pick(['/auth/x/begin', '/auth/x/exchange', '/auth/x/begin?x=1&x=2', '/auth/x/%E0%A4%A', '/auth/x/nothing']);
          const type = fuzz.pick(['application/json', 'text/plain', 'application/json; charset=utf-8', 'multipart/form-data']);
          const response = await fetch(`${x.url}${path}`, { method: 'POST', headers: { 'content-type': type, origin: EXTENSION_ORIGIN }, body: fuzz.frame(authValid) });
          expect(response.status, path).toBeLessThan(500);
          await response.arrayBuffer();
        }),
      );
    }

    // Nothing changed: nobody was rung, X was never asked for a token, the call still rings, nothing failed.
    expect(watcher.received).toEqual([]);
    expect(standIn.calls.token).toBe(tokenCalls);
    for (const server of [dev, x]) {
      expect(server.lines.filter((line) => CRASH.test(line))).toEqual([]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
    const carol = await Client.signIn(dev.wsUrl, 'carol');
    carol.ring('watcher');
    await watcher.next('ring');
  }, 60_000);
});

function tryOnce(url: string): Promise<'opened' | 'refused'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on('error', () => resolve('refused'));
    socket.once('unexpected-response', () => {
      socket.terminate();
      resolve('refused');
    });
    socket.once('open', () => {
      socket.terminate();
      resolve('opened');
    });
  });
}
