import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect, type KyselyConfig, type SqliteDatabase } from 'kysely';
import Database from 'libsql';
import type { Schema } from './schema';

/** The database file under DATA_DIR; SQLite keeps `-wal` and `-shm` files beside it. */
export const SQLITE_FILE = 'ringside.db';

/**
 * The embedded engine, the default: `libsql` (better-sqlite3's API, its binary shipped in a registry package,
 * no install script), in memory without DATA_DIR, else in a file only this user can read.
 */
export function openSqlite(dataDir: string | undefined, log?: KyselyConfig['log']): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: reusingStatements(openSqliteFile(dataDir ? sqlitePath(dataDir) : ':memory:')) }), log });
}

/** Distinct statements the server keeps prepared; its queries are a few dozen shapes. */
const STATEMENTS = 200;

/**
 * Kysely prepares every query anew. Each libsql statement holds native memory that only goes back when V8
 * collects its wrapper, which V8 does not hurry for memory it cannot see: measured here, 20,000 lookups
 * grew the process by 100 MB, and one prepare per query doubled a lookup's time. Kysely runs each statement
 * to completion on its one connection before the next, so one prepared statement per SQL text is safe.
 */
function reusingStatements(db: Database.Database): SqliteDatabase {
  const prepared = new Map<string, ReturnType<Database.Database['prepare']>>();
  return {
    close() {
      // The statements kept prepared hold the connection open past close(), so SQLite would not fold the
      // log back into the database file: done here, leaving the file whole for anyone who copies it.
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      db.close();
    },
    prepare(sql: string) {
      let statement = prepared.get(sql);
      if (statement) {
        prepared.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (prepared.size >= STATEMENTS) prepared.delete(prepared.keys().next().value!);
      }
      // Re-inserted: the Map's order is least recently used first.
      prepared.set(sql, statement);
      return statement;
    },
  };
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
