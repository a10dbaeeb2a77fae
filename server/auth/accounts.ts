import type { Kysely, Selectable } from 'kysely';
import { compiledOnce } from '../storage/compiled-once';
import type { AccountsTable, Schema } from '../storage/schema';

/** An account is an X user id; the handle is only what X called it at the last sign-in. */
export interface Account {
  userId: string;
  /** null once someone else signed in with this handle: the old owner must sign in again to learn theirs. */
  handle: string | null;
  name: string;
  profileImageUrl?: string;
  createdAt: number;
}

export interface XUser {
  id: string;
  username: string;
  name: string;
  profileImageUrl?: string;
}

/** Accounts in the database: a sign-in touches its own row and the row that held its handle, nothing else. */
export class AccountStore {
  /** Read at every session sign-in: built once (server/storage/compiled-once.ts). */
  private readonly row;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now = Date.now,
  ) {
    this.row = compiledOnce(db, (userId) => db.selectFrom('accounts').selectAll().where('user_id', '=', userId));
  }

  async get(userId: string): Promise<Account | undefined> {
    const [row] = await this.row(userId);
    return row && toAccount(row);
  }

  /** Records what X said at sign-in; returns the accounts that lost the handle to this one. */
  async signedIn(user: XUser): Promise<{ account: Account; displaced: Account[] }> {
    const handle = user.username.toLowerCase();
    return this.db.transaction().execute(async (tx) => {
      const displaced = await tx
        .updateTable('accounts')
        .set({ handle: null })
        .where('handle', '=', handle)
        .where('user_id', '!=', user.id)
        .returningAll()
        .execute();
      const fields = { handle, name: user.name, profile_image_url: user.profileImageUrl ?? null };
      const row = await tx
        .insertInto('accounts')
        .values({ user_id: user.id, ...fields, created_at: this.now() })
        .onConflict((c) => c.column('user_id').doUpdateSet(fields))
        .returningAll()
        .executeTakeFirstOrThrow();
      return { account: toAccount(row), displaced: displaced.map(toAccount) };
    });
  }
}

function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    userId: row.user_id,
    handle: row.handle,
    name: row.name,
    ...(row.profile_image_url ? { profileImageUrl: row.profile_image_url } : {}),
    createdAt: row.created_at,
  };
}
