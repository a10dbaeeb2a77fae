import { createHash, randomBytes } from 'node:crypto';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { LinkRefusal, LiveLink } from '../../lib/protocol/call-link';
import type { Schema } from '../storage/schema';

export interface LinkOwner {
  handle: string;
  userId?: string;
}

export interface MintedLink {
  id: string;
  /** Given to the owner once and never stored: only its hash is. */
  token: string;
  expiresAt: number;
}

export type LinkLookup = { ok: true; id: string; owner: string; expiresAt: number } | { ok: false; reason: Exclude<LinkRefusal, 'rate-limited'> };

/** Most live links one account may hold: each is a row, and nobody needs more to invite people. */
export const MAX_LIVE_LINKS = 50;

/** SHA-256 suffices: the token has 192 random bits, so there is nothing to slow a guess down for. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Call links in the database. A link is live until it is used, revoked or expires; rows stay a day after
 * that so a late guest reads why ("used", "revoked") rather than a bare "expired".
 */
export class LinkStore {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly ttlMs: number,
    private readonly now = Date.now,
  ) {}

  /** Undefined when the owner already holds MAX_LIVE_LINKS live links. */
  async mint(owner: LinkOwner): Promise<MintedLink | undefined> {
    const now = this.now();
    if ((await this.live(owner)).length >= MAX_LIVE_LINKS) return undefined;
    const link = { id: randomBytes(16).toString('hex'), token: randomBytes(24).toString('base64url'), expiresAt: now + this.ttlMs };
    await this.db
      .insertInto('call_links')
      .values({
        id: link.id,
        token_hash: hashToken(link.token),
        owner_handle: owner.handle,
        owner_user_id: owner.userId ?? null,
        created_at: now,
        expires_at: link.expiresAt,
        state: 'live',
      })
      .execute();
    return link;
  }

  async lookup(token: string): Promise<LinkLookup> {
    const row = await this.db
      .selectFrom('call_links')
      .leftJoin('accounts', 'accounts.user_id', 'call_links.owner_user_id')
      .select(['call_links.id', 'call_links.owner_handle', 'call_links.expires_at', 'call_links.state', 'accounts.handle'])
      .where('call_links.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= this.now()) return { ok: false, reason: 'expired' };
    if (row.state !== 'live') return { ok: false, reason: row.state };
    // A proven owner who changed handle since is rung under the new one.
    return { ok: true, id: row.id, owner: row.handle ?? row.owner_handle, expiresAt: row.expires_at };
  }

  /** The first call through the link connected: true for exactly one caller, even when two race. */
  async consume(id: string): Promise<boolean> {
    const result = await this.db.updateTable('call_links').set({ state: 'used' }).where('id', '=', id).where('state', '=', 'live').executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Only the owner's own links; false when there was no such live link. */
  async revoke(owner: LinkOwner, id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('call_links')
      .set({ state: 'revoked' })
      .where(ownedBy(owner))
      .where('id', '=', id)
      .where('state', '=', 'live')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async live(owner: LinkOwner): Promise<LiveLink[]> {
    const rows = await this.db
      .selectFrom('call_links')
      .select(['id', 'expires_at'])
      .where(ownedBy(owner))
      .where('state', '=', 'live')
      .where('expires_at', '>', this.now())
      .orderBy('expires_at')
      .execute();
    return rows.map((row) => ({ id: row.id, expiresAt: row.expires_at }));
  }

  /** Forgets links a day past their end. */
  async sweep(): Promise<void> {
    await this.db.deleteFrom('call_links').where('expires_at', '<', this.now() - 24 * 3600_000).execute();
  }
}

/** An account is its user id when proven; under development sign-in, the handle it claims. */
function ownedBy(owner: LinkOwner) {
  return (eb: ExpressionBuilder<Schema, 'call_links'>) =>
    owner.userId ? eb('owner_user_id', '=', owner.userId) : eb.and([eb('owner_user_id', 'is', null), eb('owner_handle', '=', owner.handle)]);
}
