import { randomBytes } from 'node:crypto';
import type { DevicePublicKey } from '../../lib/protocol/login-proof';

export interface Session {
  id: string;
  userId: string;
  devicePublicKey: DevicePublicKey;
  expiresAt: number;
}

type Closer = (reason: string) => void;

/**
 * Sessions in memory: short-lived and bound to a device key, so a restart only means signing in again.
 * Also tracks the sockets each session opened, so signing out closes them at once.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Map<string, Set<Closer>>();

  constructor(private readonly ttlMs: number) {}

  create(userId: string, devicePublicKey: DevicePublicKey, now = Date.now()): Session {
    this.sweep(now);
    const session: Session = { id: randomBytes(32).toString('base64url'), userId, devicePublicKey, expiresAt: now + this.ttlMs };
    this.sessions.set(session.id, session);
    return session;
  }

  /** A live session, or undefined for unknown, expired or revoked ones. */
  get(id: string, now = Date.now()): Session | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= now) {
      this.revoke(id, 'session expired');
      return undefined;
    }
    return session;
  }

  /** Registers a socket opened with this session; returns the function that forgets it. */
  attach(id: string, close: Closer): () => void {
    let set = this.sockets.get(id);
    if (!set) this.sockets.set(id, (set = new Set()));
    set.add(close);
    return () => set.delete(close);
  }

  revoke(id: string, reason: string): void {
    this.sessions.delete(id);
    const closers = this.sockets.get(id);
    this.sockets.delete(id);
    for (const close of closers ?? []) close(reason);
  }

  revokeUser(userId: string, reason: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.userId === userId) this.revoke(session.id, reason);
    }
  }

  private sweep(now: number): void {
    for (const session of [...this.sessions.values()]) {
      if (session.expiresAt <= now) this.revoke(session.id, 'session expired');
    }
  }
}
