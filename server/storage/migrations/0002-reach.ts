import type { Kysely, Migration } from 'kysely';

/**
 * Who can reach whom, per account. An account (`owner`, `caller`) is the X user id, or `@handle` under
 * development sign-in, where nobody has an id (see `accountOf` in server/presence.ts).
 */
export const reach: Migration = {
  async up(db: Kysely<unknown>) {
    // Contacts and blocks, typed by their owner as handles. `user_id` ties an entry to the X account that held
    // the handle when it was added (or when the owner next loaded their lists, for a handle nobody had yet):
    // entries match by that id first, so a renamed contact keeps their place and whoever takes the old handle
    // does not inherit it.
    await db.schema
      .createTable('reach_entries')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('handle', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('reach_entries_pk', ['owner', 'list', 'handle'])
      .execute();

    await db.schema
      .createTable('reach_settings')
      .addColumn('owner', 'text', (c) => c.primaryKey())
      .addColumn('who_can_call', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('always_relay', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    // One row per caller and callee: `at` is the last request recorded, which is what keeps it to one a day,
    // so dismissing a request hides it without letting the caller ask again at once.
    await db.schema
      .createTable('call_requests')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('caller', 'text', (c) => c.notNull())
      .addColumn('caller_handle', 'text', (c) => c.notNull())
      .addColumn('verified', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('dismissed', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('call_requests_pk', ['owner', 'caller'])
      .execute();
  },
};
