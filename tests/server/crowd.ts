import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket as NodeSocket } from 'ws';
import { createServerLink, type ServerLink } from '../../lib/net/server-socket';
import type { ClientMessage, ServerMessage } from '../../lib/protocol/wire';
import { AccountStore } from '../../server/auth/accounts';
import { SessionStore } from '../../server/auth/sessions';
import { silentLog } from '../../server/log';
import { openStorage } from '../../server/storage/storage';
import type { DevicePublicKey } from '../../lib/protocol/login-proof';
import { newDevice, signLogin, type TestDevice } from './sign-in-client';

/**
 * The browser's WebSocket API as the extension's link uses it, over `ws`. A browser reports a refused
 * connection as a close; `ws` also emits an error, which unheard would throw.
 */
class BrowserLikeSocket extends NodeSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => {});
  }
}

/** The extension's own server link (lib/net/server-socket.ts, its reconnect schedule included) runs here. */
export function useBrowserSockets(): void {
  Object.assign(globalThis, { WebSocket: BrowserLikeSocket });
}

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** An account signed in on one install: the session, and the device key it is bound to. */
export interface Person {
  handle: string;
  sessionId: string;
  device: TestDevice;
}

/** One install signed in with a session, linked to the server as the extension links; `performance.now()` times. */
export class Install {
  readonly received: Array<{ at: number; message: ServerMessage }> = [];
  readonly welcomes: number[] = [];
  readonly drops: number[] = [];
  signedOut = false;
  private link: ServerLink | undefined;

  readonly handle: string;
  constructor(private readonly person: Person) {
    this.handle = person.handle;
  }

  connect(url: string): void {
    this.link = createServerLink({
      url,
      hello: async (nonce) => {
        const { sessionId, device } = this.person;
        return { type: 'hello', v: 1, auth: { kind: 'session', sessionId, signature: await signLogin(device, nonce, sessionId) } };
      },
      onMessage: (message) => {
        const at = performance.now();
        if (message.type === 'welcome') this.welcomes.push(at);
        this.received.push({ at, message });
      },
      onStatus: (connected) => void (connected || this.drops.push(performance.now())),
      onSignedOut: () => (this.signedOut = true),
    });
    this.link.connect();
  }

  send(message: ClientMessage): void {
    if (!this.link?.send(message)) throw new Error(`@${this.handle} is not linked`);
  }

  /** Messages of a type received since `from` (a time), in order. */
  since<T extends ServerMessage['type']>(type: T, from = 0): Array<Of<T>> {
    return this.received.filter((r) => r.at >= from && r.message.type === type).map((r) => r.message as Of<T>);
  }

  close(): void {
    this.link?.close();
  }
}

/**
 * `count` people, each with their own account and a session bound to its own device key, written into a fresh
 * data directory through the stores Sign in with X writes through (the OAuth round trips cost about 20 ms each
 * here and are the sign-in tests' business). tmpfs when there is one: a commit's fsync is then free.
 */
export async function seedPeople(count: number): Promise<{ dataDir: string; people: Person[] }> {
  const dataDir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'ringside-crowd-'));
  const storage = await openStorage({ dataDir }, silentLog);
  try {
    const accounts = new AccountStore(storage.db);
    const sessions = new SessionStore(storage.db, 24 * 3600_000, silentLog);
    const people: Person[] = [];
    for (let i = 0; i < count; i += 1) {
      const userId = String(5_000_000 + i);
      const device = await newDevice();
      await accounts.signedIn({ id: userId, username: `crowd${i}`, name: `Crowd ${i}` });
      people.push({ handle: `crowd${i}`, sessionId: (await sessions.create(userId, device.publicKey as DevicePublicKey)).id, device });
    }
    return { dataDir, people };
  } finally {
    await storage.close();
  }
}

/** Polls until `done`, or fails saying what `progress` reads at the deadline. */
export async function waitFor(done: () => boolean, ms: number, progress: () => string): Promise<void> {
  for (const deadline = Date.now() + ms; !done(); ) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${progress()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
