import { WebSocket } from 'ws';
import type { ServerMessage } from '../../lib/protocol/wire';

/** The extension pings its server this often (lib/net/server-socket.ts KEEPALIVE_MS); PeerJS heartbeats every 5 s. */
const KEEPALIVE_MS = 15_000;
const PEER_HEARTBEAT_MS = 5_000;
const CONNECT_WAIT_MS = 30_000;

export type Kind = 'ringside' | 'session' | 'peer' | 'ws';
type Listener = (message: ServerMessage) => void;

/** The loopback source address of client `index`: 40 clients an address, under the server's default cap of 100. */
export function sourceAddress(index: number): string {
  const slot = Math.floor(index / 40);
  return `127.1.${Math.floor(slot / 250)}.${(slot % 250) + 1}`;
}

/** Why a connection failed, in few enough words to count by. */
export class Refused extends Error {}

/**
 * What a socket received and nobody has taken yet. Listening starts with the socket: a server's first message
 * can arrive in the same turn as 'open', before any `await` after it resumes.
 */
class Inbox {
  private readonly queue: string[] = [];
  private taker: ((raw: string) => void) | undefined;
  constructor(socket: WebSocket) {
    socket.on('message', (data: Buffer) => (this.taker ? this.taker(data.toString()) : this.queue.push(data.toString())));
  }

  /** Hands every message, waiting ones first, to `taker` until another replaces it; none keeps them waiting. */
  take(taker?: (raw: string) => void): void {
    this.taker = taker;
    while (taker && this.queue.length && this.taker === taker) taker(this.queue.shift()!);
  }
}

/** Opens a socket from `index`'s source address; resolves once it is open. */
function open(url: string, index: number): Promise<{ socket: WebSocket; inbox: Inbox }> {
  const socket = new WebSocket(url, { localAddress: sourceAddress(index), perMessageDeflate: false, handshakeTimeout: CONNECT_WAIT_MS });
  const inbox = new Inbox(socket);
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      socket.on('error', () => {});
      socket.terminate();
      reject(new Refused(`HTTP ${res.statusCode}`));
    });
    socket.once('open', () => resolve({ socket, inbox }));
    socket.once('error', (error) => reject(new Refused(`socket error ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
  });
}

/** Waits for the first message that `test` accepts, or fails with the close or a timeout. */
function firstMessage<T>({ socket, inbox }: { socket: WebSocket; inbox: Inbox }, test: (raw: string) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => done(new Refused('no answer in 30 s')), CONNECT_WAIT_MS);
    const onClose = (code: number, reason: Buffer) => done(new Refused(`closed ${code} ${reason.toString()}`.trim()));
    function done(error?: Error, value?: T) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('close', onClose);
      inbox.take();
      if (error) reject(error);
      else resolve(value as T);
    }
    socket.once('close', onClose);
    inbox.take((raw) => {
      if (settled) return;
      try {
        const found = test(raw);
        if (found !== undefined) done(undefined, found);
      } catch (error) {
        done(error as Error);
      }
    });
  });
}

function keepAlive(socket: WebSocket, everyMs: number, message: string): void {
  const start = setTimeout(() => {
    const timer = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(message), everyMs);
    socket.once('close', () => clearInterval(timer));
  }, Math.random() * everyMs);
  socket.once('close', () => clearTimeout(start));
}

/** A signed-in `/ws` client as the extension's background holds one: hello, then a ping every 15 s. */
export class RingClient {
  private listener: Listener = () => {};
  private constructor(
    readonly socket: WebSocket,
    inbox: Inbox,
    readonly handle: string,
    readonly index: number,
  ) {
    inbox.take((raw) => this.listener(JSON.parse(raw) as ServerMessage));
    socket.on('error', () => {});
    keepAlive(socket, KEEPALIVE_MS, JSON.stringify({ type: 'ping' }));
  }

  /** Development sign-in, or a session with a signature over this socket's challenge. */
  static async connect(wsUrl: string, index: number, sign?: (nonce: string) => Promise<{ sessionId: string; signature: string }>): Promise<RingClient> {
    const opened = await open(`${wsUrl}/ws`, index);
    try {
      const nonce = await firstMessage(opened, (raw) => (JSON.parse(raw) as ServerMessage & { nonce?: string }).nonce);
      const auth = sign ? { kind: 'session', ...(await sign(nonce)) } : { kind: 'dev', handle: `b${index}` };
      opened.socket.send(JSON.stringify({ type: 'hello', v: 1, auth }));
      // The welcome is the admission; the account's reach state follows it.
      const handle = await firstMessage(opened, (raw) => {
        const message = JSON.parse(raw) as ServerMessage;
        return message.type === 'welcome' ? message.self.handle : undefined;
      });
      await firstMessage(opened, (raw) => ((JSON.parse(raw) as ServerMessage).type === 'reach' ? true : undefined));
      return new RingClient(opened.socket, opened.inbox, handle, index);
    } catch (error) {
      opened.socket.terminate();
      throw error;
    }
  }

  /** Replaces what this client does with each message it receives. */
  onMessage(listener: Listener): void {
    this.listener = listener;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }
}

/** Keeps a socket open with its keepalive, reading and dropping whatever it is sent. */
function idle(opened: { socket: WebSocket; inbox: Inbox }, everyMs: number, message: string): WebSocket {
  opened.inbox.take(() => {});
  opened.socket.on('error', () => {});
  keepAlive(opened.socket, everyMs, message);
  return opened.socket;
}

/** A PeerJS-protocol socket: admitted once the server says OPEN, then a heartbeat every 5 s as PeerJS sends. */
export async function openPeer(peerUrl: string, index: number, id: string, token: string): Promise<WebSocket> {
  const opened = await open(`${peerUrl}?key=peerjs&id=${id}&token=${token}`, index);
  try {
    await firstMessage(opened, (raw) => {
      const message = JSON.parse(raw) as { type: string; payload?: { msg?: string } };
      if (message.type === 'OPEN') return true;
      if (message.type === 'ERROR') throw new Refused(`peer ERROR ${message.payload?.msg}`);
      return undefined;
    });
  } catch (error) {
    opened.socket.terminate();
    throw error;
  }
  return idle(opened, PEER_HEARTBEAT_MS, JSON.stringify({ type: 'HEARTBEAT' }));
}

/** A bare ws client: admitted at the server's first message, then a ping every 15 s. */
export async function openBare(wsUrl: string, index: number): Promise<WebSocket> {
  const opened = await open(wsUrl, index);
  try {
    await firstMessage(opened, () => true);
  } catch (error) {
    opened.socket.terminate();
    throw error;
  }
  return idle(opened, KEEPALIVE_MS, 'ping');
}
