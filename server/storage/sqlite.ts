import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import Database from 'libsql';
import type { Schema } from './schema';

/** The database file under DATA_DIR; SQLite keeps `-wal` and `-shm` files beside it. */
export const SQLITE_FILE = 'ringside.db';

/**
 * The embedded engine, the default: `libsql` (better-sqlite3's API, its binary shipped in a registry package,
 * no install script), in memory without DATA_DIR, else in a file only this user can read.
 */
export function openSqlite(dataDir: string | undefined): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: openSqliteFile(dataDir ? sqlitePath(dataDir) : ':memory:') }) });
}

export function sqlitePath(dataDir: string): string {
  return join(dataDir, SQLITE_FILE);
}

/** The raw handle, for the backup script. */
export function openSqliteFile(file: string): Database.Database {
  if (file !== ':memory:') {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
  }
  const db = new Database(file);
  // WAL: readers never wait for the writer. synchronous=FULL: every commit is on disk (the WAL fsynced)
  // before the sign-in that made it is answered, so a power cut never loses a session someone was handed;
  // NORMAL would be as safe against corruption but could roll back the last commits. Writes are rare
  // (sign-ins, sign-outs, a session's expiry sliding forward at most every few hours), so the fsync is cheap.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000');
  return db;
}
