import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { openPeer, type RingClient } from './load-clients';

type Pairs = Array<[number, number]>;
type Windowed = <T>(items: T[], window: number, task: (item: T) => Promise<void>) => Promise<{ ok: number; failures: Record<string, number> }>;

/**
 * Rings at a steady rate between pairs of contacts held by this process (one clock for both ends): the callee
 * declines each ring as it arrives, so the caller is free for its next. Latency is send to arrival.
 */
export async function ringsBetween(clients: Map<number, RingClient>, pairs: Pairs, perSecond: number, seconds: number) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const ended: Record<string, number> = {};
  const busy = new Set<number>();
  for (const [a, b] of pairs) {
    const caller = clients.get(a)!;
    clients.get(b)!.onMessage((message) => {
      if (message.type !== 'ring') return;
      const at = sentAt.get(message.callId);
      if (at !== undefined) latencies.push(performance.now() - at);
      clients.get(b)!.send({ type: 'decline', callId: message.callId });
    });
    caller.onMessage((message) => {
      if (message.type !== 'ended') return;
      ended[message.reason] = (ended[message.reason] ?? 0) + 1;
      busy.delete(a);
    });
  }
  let sent = 0;
  let skipped = 0;
  let turn = 0;
  const begun = performance.now();
  const until = begun + seconds * 1000;
  while (performance.now() < until) {
    const due = Math.floor(((performance.now() - begun) * perSecond) / 1000) - sent - skipped;
    for (let i = 0; i < due; i++) {
      // A device rings one call at a time: a caller whose last ring has not ended yet sits this one out.
      const free = pairs.findIndex((_, k) => !busy.has(pairs[(turn + k) % pairs.length]![0]));
      if (free < 0) {
        skipped++;
        continue;
      }
      const [a, b] = pairs[(turn + free) % pairs.length]!;
      turn = (turn + free + 1) % pairs.length;
      const callId = randomUUID();
      busy.add(a);
      sentAt.set(callId, performance.now());
      clients.get(a)!.send({ type: 'ring', callId, to: clients.get(b)!.handle, media: 'audio' });
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const settled = performance.now() + 10_000;
  while (busy.size && performance.now() < settled) await new Promise((resolve) => setTimeout(resolve, 50));
  return { sent, skipped, delivered: latencies.length, stillRinging: busy.size, ended, latencies };
}

export interface LiveCall {
  callId: string;
  caller: RingClient;
  callee: RingClient;
  peers: WebSocket[];
}

/** Ring, accept, the callee's peer opens with its `answered` id, then the caller's with its `accepted` id. */
export async function callsBetween(clients: Map<number, RingClient>, pairs: Pairs, peerUrl: string, concurrency: number, windowed: Windowed) {
  const live: LiveCall[] = [];
  const result = await windowed(pairs, concurrency, async ([a, b]) => {
    const caller = clients.get(a)!;
    const callee = clients.get(b)!;
    const call: LiveCall = { callId: randomUUID(), caller, callee, peers: [] };
    await new Promise<void>((resolve, reject) => {
      // The failure this bench exists to find: a callee refused a peer whose caller is never told.
      const timer = setTimeout(() => reject(new Error('caller got no accepted in 30 s')), 30_000);
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(why));
      };
      callee.onMessage((message) => {
        if (message.type === 'ring') callee.send({ type: 'accept', callId: message.callId, media: 'audio' });
        if (message.type === 'answered') {
          openPeer(peerUrl, b, message.peerId, message.peerToken).then(
            (peer) => call.peers.push(peer),
            (error: Error) => fail(`callee peer: ${error.message}`),
          );
        }
      });
      caller.onMessage((message) => {
        if (message.type === 'ended') fail(`caller told ended: ${message.reason}`);
        if (message.type !== 'accepted') return;
        openPeer(peerUrl, a, message.peerId, message.peerToken).then(
          (peer) => {
            call.peers.push(peer);
            clearTimeout(timer);
            resolve();
          },
          (error: Error) => fail(`caller peer: ${error.message}`),
        );
      });
      caller.send({ type: 'ring', callId: call.callId, to: callee.handle, media: 'audio' });
    });
    live.push(call);
  });
  return { ...result, live };
}

/** Every caller hangs up in the same turn; done when every callee heard it and every peer socket closed. */
export async function hangUpAll(live: LiveCall[]) {
  let ended = 0;
  let peersClosed = 0;
  const peers = live.reduce((n, call) => n + call.peers.length, 0);
  const all = new Promise<void>((resolve) => {
    const check = () => ended === live.length && peersClosed === peers && resolve();
    for (const call of live) {
      call.callee.onMessage((message) => {
        if (message.type === 'ended') {
          ended++;
          check();
        }
      });
      call.caller.onMessage(() => {});
      for (const peer of call.peers) {
        peer.once('close', () => {
          peersClosed++;
          check();
        });
      }
    }
    check();
  });
  const begun = performance.now();
  for (const call of live) call.caller.send({ type: 'hangup', callId: call.callId });
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  return { calls: live.length, ended, peers, peersClosed, ms: performance.now() - begun };
}
