import type { Kysely, Migration } from 'kysely';

/**
 * Rings a single node had in flight when it was stopped on purpose, for its next start to take up
 * (server/cluster/ring-snapshot.ts). Several nodes keep theirs in Redis instead.
 */
export const carriedRings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('carried_rings')
      .addColumn('call_id', 'text', (c) => c.primaryKey())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
