import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import { DEFAULT_REACH_SETTINGS, MAX_BLOCKED, MAX_CONTACTS, MAX_REQUESTS, type Reach, type ReachSettings } from '../../lib/protocol/reach';
import { compiledOnce } from '../storage/compiled-once';
import type { Schema } from '../storage/schema';

export type List = 'contact' | 'blocked';

/** Someone as the server knows them: a handle, and the X user id when sign-in proved one. */
export interface Person {
  readonly handle: string;
  readonly userId?: string;
}

/** A contact or block: the handle to show (the account's current one when known) and the account. */
export interface Listed {
  handle: string;
  userId: string | null;
}

/** What the policy reads of an account. */
export interface ReachRecord {
  settings: ReachSettings;
  contacts: Listed[];
  blocked: Listed[];
}

/** A row of `recordsQuery`: an account's settings, or one of its entries. */
type RecordRow = {
  owner: string;
  kind: 'settings' | List;
  who_can_call: ReachSettings['whoCanCall'] | null;
  status: ReachSettings['status'] | null;
  always_relay: number | null;
  handle: string | null;
  user_id: string | null;
  added_at: number;
};
/** A settings row carries all three settings: its columns are NOT NULL. */
const isSettings = (row: RecordRow): row is RecordRow & Pick<Selectable<Schema['reach_settings']>, 'who_can_call' | 'status' | 'always_relay'> => row.kind === 'settings';
/** Each of two accounts' settings row (when it has one) and its entries, oldest first: compiled once (`compiledOnce`). */
function recordsQuery(db: Kysely<Schema>, first: string, second: string) {
  const none = <K extends keyof RecordRow>(column: K) => sql<RecordRow[K]>`null`.as(column);
  const settings = db
    .selectFrom('reach_settings')
    .select((eb) => [
      'owner',
      sql<RecordRow['kind']>`'settings'`.as('kind'),
      eb.ref('who_can_call').$castTo<RecordRow['who_can_call']>().as('who_can_call'),
      eb.ref('status').$castTo<RecordRow['status']>().as('status'),
      eb.ref('always_relay').$castTo<RecordRow['always_relay']>().as('always_relay'),
      none('handle'),
      none('user_id'),
      sql<number>`0`.as('added_at'),
    ])
    .where('owner', 'in', [first, second]);
  const entries = db
    .selectFrom('reach_entries')
    .leftJoin('accounts', 'accounts.user_id', 'reach_entries.user_id')
    .select((eb) => [
      'reach_entries.owner',
      'reach_entries.list as kind',
      none('who_can_call'),
      none('status'),
      none('always_relay'),
      // A renamed contact shows under the handle X gave them at their last sign-in.
      eb.fn.coalesce('accounts.handle', 'reach_entries.handle').as('handle'),
      'reach_entries.user_id',
      'reach_entries.added_at',
    ])
    .where('reach_entries.owner', 'in', [first, second]);
  return settings.unionAll(entries).orderBy('added_at');
}

const DAY_MS = 24 * 3600_000;
const emptyRecord = (): ReachRecord => ({ settings: DEFAULT_REACH_SETTINGS, contacts: [], blocked: [] });
const settingsOf = (row: Pick<Selectable<Schema['reach_settings']>, 'who_can_call' | 'status' | 'always_relay'>): ReachSettings => ({
  whoCanCall: row.who_can_call,
  status: row.status,
  alwaysRelay: row.always_relay === 1,
});
const LIMITS: Record<List, number> = { contact: MAX_CONTACTS, blocked: MAX_BLOCKED };

/** The entries about one person: typed as this handle, or tied to the account that has it now. */
const samePerson = (handle: string, userId: string | undefined) => (eb: ExpressionBuilder<Schema, 'reach_entries'>) =>
  userId ? eb.or([eb('reach_entries.handle', '=', handle), eb('reach_entries.user_id', '=', userId)]) : eb('reach_entries.handle', '=', handle);

/**
 * Every query about contacts, blocks, settings and call requests, on SQLite and PostgreSQL alike. An account
 * is what `accountOf` in server/presence.ts says: the X user id, or `@handle` under development sign-in.
 */
export class ReachStore {
  /** Both people's settings and lists in one query, compiled once: what every ring reads. */
  private readonly recordsOfTwo;
  // Read at every sign-in: built once (server/storage/compiled-once.ts).
  private readonly requestsOf;
  private readonly tieHandles;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly mode: 'dev' | 'x',
    private readonly now = Date.now,
  ) {
    this.recordsOfTwo = compiledOnce(db, (first: string, second: string) => recordsQuery(db, first, second));
    this.requestsOf = compiledOnce(db, (owner) =>
      db
        .selectFrom('call_requests')
        .select(['caller_handle', 'at', 'verified'])
        .where('owner', '=', owner)
        .where('dismissed', '=', 0)
        .orderBy('at', 'desc')
        .limit(MAX_REQUESTS),
    );
    // A handle typed before anyone signed in with it is tied to the account that has it by now.
    this.tieHandles = compiledOnce(db, (owner) =>
      db
        .updateTable('reach_entries')
        .set((eb) => ({ user_id: eb.selectFrom('accounts').select('accounts.user_id').whereRef('accounts.handle', '=', 'reach_entries.handle') }))
        .where('owner', '=', owner)
        .where('user_id', 'is', null),
    );
  }

  /** The account behind a handle (none when nobody signed in with X under it), and the person as policy matches them. */
  async accountOfHandle(handle: string): Promise<{ account: string | undefined; person: Person }> {
    if (this.mode === 'dev') return { account: `@${handle}`, person: { handle } };
    const userId = await this.userIdOf(this.db, handle);
    return { account: userId, person: userId ? { handle, userId } : { handle } };
  }

  async record(owner: string | undefined): Promise<ReachRecord> {
    return (await this.records(owner, undefined))[0];
  }

  /** Two accounts' records, read together in one query: what a ring needs of its caller and callee. */
  async records(a: string | undefined, b: string | undefined): Promise<[ReachRecord, ReachRecord]> {
    if (a === undefined && b === undefined) return [emptyRecord(), emptyRecord()];
    // An absent account matches no row: '' is never an account.
    const rows = await this.recordsOfTwo(a ?? '', b ?? '');
    const recordOf = (owner: string | undefined): ReachRecord => {
      if (owner === undefined) return emptyRecord();
      const mine = rows.filter((r) => r.owner === owner);
      const settings = mine.find(isSettings);
      const of = (list: List) => mine.filter((r) => r.kind === list).map((r) => ({ handle: r.handle!, userId: r.user_id }));
      return { settings: settings ? settingsOf(settings) : DEFAULT_REACH_SETTINGS, contacts: of('contact'), blocked: of('blocked') };
    };
    return [recordOf(a), recordOf(b)];
  }

  /** The account's whole state as its devices are told it. */
  async reach(owner: string): Promise<Reach> {
    if (this.mode === 'x') await this.tieHandles(owner);
    const [{ settings, contacts, blocked }, requests] = await Promise.all([this.record(owner), this.requestsOf(owner)]);
    const handles = (listed: Listed[]) => [...new Set(listed.map((l) => l.handle))];
    return {
      contacts: handles(contacts),
      blocked: handles(blocked),
      requests: requests.map((r) => ({ handle: r.caller_handle, at: r.at, verified: r.verified === 1 })),
      settings,
    };
  }

  async setSettings(owner: string, change: Partial<ReachSettings>): Promise<void> {
    const settings = { ...(await this.settings(owner)), ...change };
    const row = { who_can_call: settings.whoCanCall, status: settings.status, always_relay: settings.alwaysRelay ? 1 : 0, updated_at: this.now() };
    await this.db
      .insertInto('reach_settings')
      .values({ owner, ...row })
      .onConflict((c) => c.column('owner').doUpdateSet(row))
      .execute();
  }

  /**
   * Puts a handle on a list, taking it off the other (a contact is not blocked, a blocked person is no
   * contact) and hiding their call request. False when the list is full.
   */
  async add(owner: string, list: List, handle: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const userId = this.mode === 'x' ? await this.userIdOf(tx, handle) : undefined;
      const { count } = await tx
        .selectFrom('reach_entries')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('owner', '=', owner)
        .where('list', '=', list)
        .executeTakeFirstOrThrow();
      if (Number(count) >= LIMITS[list] && !(await this.listed(tx, owner, list, handle, userId))) return false;
      await tx.deleteFrom('reach_entries').where('owner', '=', owner).where(samePerson(handle, userId)).execute();
      await tx.insertInto('reach_entries').values({ owner, list, handle, user_id: userId ?? null, added_at: this.now() }).execute();
      await this.dismissIn(tx, owner, handle, userId);
      return true;
    });
  }

  async remove(owner: string, list: List, handle: string): Promise<void> {
    const userId = this.mode === 'x' ? await this.userIdOf(this.db, handle) : undefined;
    await this.db.deleteFrom('reach_entries').where('owner', '=', owner).where('list', '=', list).where(samePerson(handle, userId)).execute();
  }

  /** Records a refused caller's request unless one was recorded in the last day; true if it was. */
  async recordRequest(owner: string, caller: Person, callerAccount: string): Promise<boolean> {
    const now = this.now();
    const row = { caller_handle: caller.handle, verified: caller.userId ? 1 : 0, at: now, dismissed: 0 };
    const recorded = await this.db
      .insertInto('call_requests')
      .values({ owner, caller: callerAccount, ...row })
      .onConflict((c) => c.columns(['owner', 'caller']).doUpdateSet(row).where('call_requests.at', '<=', now - DAY_MS))
      .returning('owner')
      .executeTakeFirst();
    return recorded !== undefined;
  }

  async dismissRequest(owner: string, handle: string): Promise<void> {
    const userId = this.mode === 'x' ? await this.userIdOf(this.db, handle) : undefined;
    await this.dismissIn(this.db, owner, handle, userId);
  }

  private async settings(owner: string): Promise<ReachSettings> {
    const row = await this.db.selectFrom('reach_settings').selectAll().where('owner', '=', owner).executeTakeFirst();
    return row ? settingsOf(row) : DEFAULT_REACH_SETTINGS;
  }

  private async listed(tx: Transaction<Schema>, owner: string, list: List, handle: string, userId: string | undefined): Promise<boolean> {
    const row = await tx.selectFrom('reach_entries').select('handle').where('owner', '=', owner).where('list', '=', list).where(samePerson(handle, userId)).executeTakeFirst();
    return row !== undefined;
  }

  private async dismissIn(db: Kysely<Schema>, owner: string, handle: string, userId: string | undefined): Promise<void> {
    await db
      .updateTable('call_requests')
      .set({ dismissed: 1 })
      .where('owner', '=', owner)
      .where((eb) => (userId ? eb.or([eb('caller_handle', '=', handle), eb('caller', '=', userId)]) : eb('caller_handle', '=', handle)))
      .execute();
  }

  private async userIdOf(db: Kysely<Schema>, handle: string): Promise<string | undefined> {
    const row = await db.selectFrom('accounts').select('user_id').where('handle', '=', handle).executeTakeFirst();
    return row?.user_id;
  }
}
