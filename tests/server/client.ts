import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../lib/protocol/wire';
import { startServer, type RunningServer } from '../../server/app';
import { collectLog } from '../../server/log';
import { loadConfig, type ServerConfig } from '../../server/config';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
export interface Closed {
  code: number;
  reason: string;
}

const WAIT_MS = 3000;

/** A real server on a free loopback port; `lines` collects what it would have logged. */
export async function testServer(overrides: Partial<ServerConfig> = {}) {
  const lines: string[] = [];
  const config = { ...loadConfig({ PORT: '0' }), ...overrides };
  const server: RunningServer = await startServer(config, { log: collectLog(lines) });
  return { ...server, lines, wsUrl: server.url.replace(/^http/, 'ws') };
}

/** A `/ws` client whose tests `await next('ring')` instead of sleeping. */
export class Client {
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  /** The server's login challenge for this socket. */
  readonly nonce: Promise<string>;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    let challenged: (nonce: string) => void = () => {};
    this.nonce = new Promise((resolve) => (challenged = resolve));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      // Every socket opens with one; kept apart so tests can say "received nothing" of everything else.
      if (message.type === 'challenge') return challenged(message.nonce);
      this.received.push(message);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
  }

  /** Connects without saying hello; `path` `/c/ws` is a call link's guest, `cookie` what its browser would carry. */
  static async open(wsUrl: string, path = '/ws', cookie?: string): Promise<Client> {
    const socket = new WebSocket(`${wsUrl}${path}`, cookie ? { headers: { cookie } } : {});
    // Listening from the start: the server's challenge can arrive in the same tick as 'open'.
    const client = new Client(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return client;
  }

  /** Connects and signs in with development auth as `handle`. */
  static async signIn(wsUrl: string, handle: string): Promise<Client> {
    const client = await Client.open(wsUrl);
    client.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle } });
    const welcome = await client.next('welcome');
    if (welcome.self.handle !== handle.toLowerCase()) throw new Error(`signed in as ${welcome.self.handle}`);
    client.handle = welcome.self.handle;
    // Every welcome is followed by the account's reach state: taken here, so tests see only what follows.
    client.reach = await client.next('reach');
    return client;
  }

  /** The account's reach state as the welcome's `reach` told it. */
  reach: Of<'reach'> | undefined;

  /** The handle the server welcomed this socket as. */
  handle = '';

  /** Waits for the welcome of a socket that has sent its hello. */
  static async signInWith(opening: Promise<Client>): Promise<Client> {
    const client = await opening;
    client.handle = (await client.next('welcome')).self.handle;
    client.reach = await client.next('reach');
    return client;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  ring(to: string, media: 'audio' | 'video' = 'video', callId: string = randomUUID()): string {
    this.send({ type: 'ring', callId, to, media });
    return callId;
  }

  /** Takes the first message of this type received so far, or waits for one. */
  async next<T extends ServerMessage['type']>(type: T, waitMs = WAIT_MS): Promise<Of<T>> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const index = this.received.findIndex((m) => m.type === type);
      if (index >= 0) return this.received.splice(index, 1)[0] as Of<T>;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`closed while waiting for ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} within ${waitMs} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Takes the first message of this type that satisfies `test`, waiting for one. */
  async until<T extends ServerMessage['type']>(type: T, test: (message: Of<T>) => boolean, waitMs = WAIT_MS): Promise<Of<T>> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const message = await this.next(type, Math.max(1, deadline - Date.now()));
      if (test(message)) return message;
    }
  }

  close(): Promise<Closed> {
    this.socket.close();
    return this.closed;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

export type UpgradeOutcome = { opened: WebSocket; first: unknown } | { refused: number };

/** Opens a WebSocket; resolves with its first message, or with the HTTP status if the upgrade was refused. */
export function tryUpgrade(url: string): Promise<UpgradeOutcome> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      // Aborting a handshake reports an error; it is the expected end here.
      socket.on('error', () => {});
      socket.terminate();
    });
    socket.once('message', (data) => resolve({ opened: socket, first: JSON.parse(data.toString()) }));
    socket.once('error', reject);
  });
}

/** Connects to `/peerjs` the way PeerJS does. */
/** Resolves once the socket is closed: at once if it already is (the server may close a call's peers first). */
export function closedSocket(ws: WebSocket): Promise<void> {
  return ws.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise((resolve) => ws.once('close', () => resolve()));
}

export function connectPeer(wsUrl: string, id: string, token: string): Promise<UpgradeOutcome> {
  return tryUpgrade(`${wsUrl}/peerjs/peerjs?key=peerjs&id=${id}&token=${token}`);
}

/**
 * Makes two people each other's contacts (development sign-in, a throwaway socket each), so a ring between
 * them rings under the default "contacts only" and goes direct. Call it before signing in the devices a
 * test watches: every device of the account hears the change.
 */
export async function makeContacts(wsUrl: string, a: string, b: string): Promise<void> {
  for (const [who, whom] of [[a, b], [b, a]] as const) {
    const client = await Client.signIn(wsUrl, who);
    client.send({ type: 'contact.add', handle: whom });
    await client.until('reach', (reach) => reach.contacts.includes(whom.toLowerCase()));
    await client.close();
  }
}

/** Changes one person's reach settings through a throwaway socket. */
export async function setReach(wsUrl: string, who: string, settings: Record<string, unknown>): Promise<void> {
  const client = await Client.signIn(wsUrl, who);
  client.send({ type: 'settings.set', settings });
  await client.until('reach', (reach) => Object.entries(settings).every(([k, v]) => (reach.settings as Record<string, unknown>)[k] === v));
  await client.close();
}

/** Makes two signed-in sockets' accounts each other's contacts (any sign-in); each also hears a `reach`. */
export async function befriend(a: Client, b: Client): Promise<void> {
  for (const [who, whom] of [[a, b], [b, a]] as const) {
    who.send({ type: 'contact.add', handle: whom.handle });
    await who.until('reach', (reach) => reach.contacts.includes(whom.handle));
  }
}
