import type { Kysely, KyselyConfig } from 'kysely';
import type { Log } from '../log';
import { importLegacyAccounts } from './legacy-accounts';
import { migrateToLatest } from './migrate';
import { openPostgres } from './postgres';
import type { Schema } from './schema';
import { openSqlite } from './sqlite';

export interface StorageConfig {
  /** SQLite in a file here; unset, SQLite in memory. Also where a legacy `accounts.json` is looked for. */
  dataDir?: string;
  /** PostgreSQL instead of SQLite. */
  databaseUrl?: string;
}

/** Told of every database round trip (for /metrics). */
export type QueryObserver = (engine: 'sqlite' | 'postgres', ms: number, ok: boolean) => void;

export interface Storage {
  db: Kysely<Schema>;
  engine: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** The one database of the server, migrated to the latest schema before anything reads it. */
export async function openStorage({ dataDir, databaseUrl }: StorageConfig, log: Log, observe?: QueryObserver): Promise<Storage> {
  const engine = databaseUrl ? 'postgres' : 'sqlite';
  const timed: KyselyConfig['log'] = observe && ((event) => observe(engine, event.queryDurationMillis, event.level === 'query'));
  const db = databaseUrl ? openPostgres(databaseUrl, log, timed) : openSqlite(dataDir, timed);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) log.info(`database (${engine}) migrated: ${applied.join(', ')}`);
    if (dataDir) await importLegacyAccounts(db, dataDir, log);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine, close: () => db.destroy() };
}
