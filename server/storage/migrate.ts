import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations';
import type { Schema } from './schema';

/**
 * Brings the schema up to the latest migration. Kysely records what ran in its own table and holds a lock
 * meanwhile (an advisory lock on PostgreSQL), so several nodes starting at once migrate once.
 */
export async function migrateToLatest(db: Kysely<Schema>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`the database could not be migrated (${failed}): ${error instanceof Error ? error.message : String(error)}`);
  }
  return results.map((r) => r.migrationName);
}
