import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DevicePublicKey } from '../../lib/protocol/login-proof';
import { describeFailure, type Log } from '../log';
import { compiledOnce } from '../storage/compiled-once';
import type { Schema } from '../storage/schema';

export interface Session {
  id: string;
  userId: string;
  devicePublicKey: DevicePublicKey;
  expiresAt: number;
}

/** A socket opened with a session: told when the session ends, so it closes at once. */
export interface SignedInSocket {
  signedOut(reason: string): void;
}

/** What the database keys a session by: a copy of it holds no id that would sign anyone in. */
function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** How often each node reads the revocation feed: "sign out of every device" reaches other nodes within this. */
const POLL_MS = 2_000;
/** Revocations are read from this far back, so nodes whose clocks differ a little still see each one. */
const FEED_READ_MS = 30_000;
const FEED_KEEP_MS = 2 * FEED_READ_MS;
const SWEEP_MS = 60_000;
/** A session in use is written at most this often (and at most every quarter of the idle time). */
const SLIDE_STEP_MS = 3_600_000;

/**
 * Sessions in the database, bound to a device key, so they outlive browser and server restarts. A session
 * ends when it has not been used for `idleMs`: each hello and each socket held open slides it forward.
 * Also tracks the sockets each session opened on this node, so signing out closes them at once here, and
 * within a poll on other nodes sharing the database. Ids come in and go out; inside, and in the database,
 * a session is known by the digest of its id.
 */
export class SessionStore {
  /** By digest, as the revocation feed names them. */
  /** A session's sockets here: an array, as a session is one install and mostly one socket (a Set costs 200 bytes more). */
  private readonly attached = new Map<string, { sockets: SignedInSocket[]; slidAt: number }>();
  private readonly slideStepMs: number;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private lastSweep = 0;
  /** Read at every session sign-in: built once (server/storage/compiled-once.ts). */
  private readonly row;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly idleMs: number,
    private readonly log: Log,
    private readonly now = Date.now,
  ) {
    this.slideStepMs = Math.min(SLIDE_STEP_MS, idleMs / 4);
    this.row = compiledOnce(db, (id) => db.selectFrom('sessions').selectAll().where('id', '=', id));
  }

  /** Starts reading revocations, sliding the sessions in use here and sweeping expired ones. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), Math.min(POLL_MS, this.slideStepMs));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async create(userId: string, devicePublicKey: DevicePublicKey): Promise<Session> {
    const now = this.now();
    const session: Session = { id: randomBytes(32).toString('base64url'), userId, devicePublicKey, expiresAt: now + this.idleMs };
    await this.db
      .insertInto('sessions')
      .values({ id: digest(session.id), user_id: userId, device_key: JSON.stringify(devicePublicKey), created_at: now, expires_at: session.expiresAt })
      .execute();
    return session;
  }

  /** A live session, slid forward, or undefined for unknown, expired or revoked ones. */
  async get(id: string): Promise<Session | undefined> {
    const key = digest(id);
    const [row] = await this.row(key);
    if (!row) return undefined;
    const now = this.now();
    if (row.expires_at <= now) {
      await this.db.deleteFrom('sessions').where('id', '=', key).execute();
      return undefined;
    }
    let expiresAt = row.expires_at;
    if (now + this.idleMs - expiresAt >= this.slideStepMs) {
      expiresAt = now + this.idleMs;
      await this.db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', key).execute();
    }
    return { id, userId: row.user_id, devicePublicKey: JSON.parse(row.device_key) as DevicePublicKey, expiresAt };
  }

  /** Registers a socket opened with this session, until `detach`. */
  attach(id: string, socket: SignedInSocket): void {
    const key = digest(id);
    let entry = this.attached.get(key);
    if (!entry) this.attached.set(key, (entry = { sockets: [], slidAt: this.now() }));
    if (!entry.sockets.includes(socket)) entry.sockets.push(socket);
  }

  detach(id: string, socket: SignedInSocket): void {
    const key = digest(id);
    const entry = this.attached.get(key);
    if (!entry) return;
    entry.sockets = entry.sockets.filter((s) => s !== socket);
    if (entry.sockets.length === 0) this.attached.delete(key);
  }

  async revoke(id: string, reason: string): Promise<void> {
    const key = digest(id);
    await this.end((db) => db.deleteFrom('sessions').where('id', '=', key).returning('id').execute(), reason);
    this.closeHere(key, reason);
  }

  async revokeUser(userId: string, reason: string): Promise<void> {
    await this.end((db) => db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute(), reason);
  }

  /** One round of upkeep; the timer calls it, tests may too. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.now();
      if (this.attached.size) {
        const revoked = await this.db.selectFrom('session_revocations').select(['session_id', 'reason']).where('revoked_at', '>', now - FEED_READ_MS).execute();
        for (const { session_id, reason } of revoked) this.closeHere(session_id, reason);
      }
      const due = [...this.attached].filter(([, entry]) => now - entry.slidAt >= this.slideStepMs);
      for (let i = 0; i < due.length; i += 500) {
        const chunk = due.slice(i, i + 500);
        await this.db.updateTable('sessions').set({ expires_at: now + this.idleMs }).where('id', 'in', chunk.map(([id]) => id)).execute();
        for (const [, entry] of chunk) entry.slidAt = now;
      }
      if (now - this.lastSweep >= SWEEP_MS) {
        this.lastSweep = now;
        await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
        await this.db.deleteFrom('session_revocations').where('revoked_at', '<=', now - FEED_KEEP_MS).execute();
      }
    } catch (error) {
      this.log.error(`session upkeep failed: ${describeFailure(error)}`);
    } finally {
      this.ticking = false;
    }
  }

  /** Deletes sessions and, in the same transaction, tells every node through the revocation feed. */
  private async end(remove: (db: Kysely<Schema>) => Promise<Array<{ id: string }>>, reason: string): Promise<void> {
    const now = this.now();
    const ended = await this.db.transaction().execute(async (tx) => {
      const rows = await remove(tx);
      if (rows.length) {
        await tx
          .insertInto('session_revocations')
          .values(rows.map(({ id }) => ({ session_id: id, reason, revoked_at: now })))
          .onConflict((c) => c.doNothing())
          .execute();
      }
      return rows;
    });
    for (const { id } of ended) this.closeHere(id, reason);
  }

  /** `key`: the session's digest, as the database and the revocation feed name it. */
  private closeHere(key: string, reason: string): void {
    const entry = this.attached.get(key);
    this.attached.delete(key);
    for (const socket of entry?.sockets ?? []) socket.signedOut(reason);
  }
}
