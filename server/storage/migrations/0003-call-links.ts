import type { Kysely, Migration } from 'kysely';

/** Call links: only a hash of each token, so a copy of the database opens no live link. */
export const callLinks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('call_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('owner_handle', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .execute();
    // The owner's list; the sweep of expired links.
    await db.schema.createIndex('call_links_owner').on('call_links').column('owner_handle').execute();
    await db.schema.createIndex('call_links_expires_at').on('call_links').column('expires_at').execute();
  },
};
