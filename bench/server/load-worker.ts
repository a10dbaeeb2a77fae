import type { WebSocket } from 'ws';
import { loginProofText, toBase64Url } from '../../lib/protocol/login-proof';
import { openBare, openPeer, RingClient, type Kind } from './load-clients';
import { callsBetween, hangUpAll, ringsBetween, type LiveCall } from './load-calls';

/**
 * One load process (`fork`ed by bench/server.ts): holds its share of the clients, so no process of the bench
 * passes the machine's 20,000 open files, and does what the parent asks over IPC, one command at a time.
 */
export type Command =
  | { cmd: 'keys'; indices: number[] }
  | { cmd: 'connect'; kind: Kind; url: string; indices: number[]; sessions?: string[]; concurrency: number }
  | { cmd: 'open' }
  | { cmd: 'befriend'; pairs: Array<[number, number]> }
  | { cmd: 'rings'; pairs: Array<[number, number]>; perSecond: number; seconds: number }
  | { cmd: 'calls'; pairs: Array<[number, number]>; peerUrl: string; concurrency: number }
  | { cmd: 'hangup' };

const ring = new Map<number, RingClient>();
const others: WebSocket[] = [];
const keys = new Map<number, CryptoKeyPair>();
let live: LiveCall[] = [];

/** Runs `task` over `items` with at most `window` at once; counts failures by their message. */
async function windowed<T>(items: T[], window: number, task: (item: T) => Promise<void>) {
  const failures: Record<string, number> = {};
  let ok = 0;
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
        ok++;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        failures[why] = (failures[why] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, lane));
  return { ok, failures };
}

async function connect({ kind, url, indices, sessions, concurrency }: Extract<Command, { cmd: 'connect' }>) {
  const sessionOf = new Map(indices.map((index, i) => [index, sessions?.[i]]));
  const begun = performance.now();
  const result = await windowed(indices, concurrency, async (index) => {
    if (kind === 'ringside') ring.set(index, await RingClient.connect(url, index));
    else if (kind === 'session') {
      const sessionId = sessionOf.get(index)!;
      const sign = async (nonce: string) => {
        const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.get(index)!.privateKey, new TextEncoder().encode(loginProofText(nonce, sessionId)));
        return { sessionId, signature: toBase64Url(new Uint8Array(signature)) };
      };
      ring.set(index, await RingClient.connect(url, index, sign));
    } else others.push(kind === 'peer' ? await openPeer(url, index, `idle${index}`, `t${index}`) : await openBare(url, index));
  });
  return { ...result, ms: performance.now() - begun };
}

/** Each install's own P-256 key, as the extension makes it; only the public half leaves this process. */
async function makeKeys(indices: number[]) {
  const publicKeys = [];
  for (const index of indices) {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    keys.set(index, pair);
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    publicKeys.push({ kty, crv, x, y });
  }
  return { publicKeys };
}

/** Both add each other through the reach messages, so a ring between them rings and goes direct. */
async function befriend(pairs: Array<[number, number]>) {
  return windowed(pairs, 50, async ([a, b]) => {
    const pair: Array<[RingClient, RingClient]> = [
      [ring.get(a)!, ring.get(b)!],
      [ring.get(b)!, ring.get(a)!],
    ];
    for (const [who, whom] of pair) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no reach in 30 s')), 30_000);
        who.onMessage((message) => {
          if (message.type === 'reach' && message.contacts.includes(whom.handle)) {
            clearTimeout(timer);
            resolve();
          }
        });
        who.send({ type: 'contact.add', handle: whom.handle });
      });
    }
  });
}

const counted = () => ({ open: [...ring.values(), ...others].filter((c) => ('socket' in c ? c.socket : c).readyState === 1).length });

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'keys':
      return makeKeys(command.indices);
    case 'connect':
      return connect(command);
    case 'open':
      return counted();
    case 'befriend':
      return befriend(command.pairs);
    case 'rings':
      return ringsBetween(ring, command.pairs, command.perSecond, command.seconds);
    case 'calls': {
      const made = await callsBetween(ring, command.pairs, command.peerUrl, command.concurrency, windowed);
      live = made.live;
      return { ok: made.ok, failures: made.failures };
    }
    case 'hangup':
      return hangUpAll(live);
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  run(message.command).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
// The parent going away ends the load with it.
process.on('disconnect', () => process.exit(0));
