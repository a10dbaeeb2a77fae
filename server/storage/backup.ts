import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import Database from 'libsql';
import type { StorageConfig } from './storage';
import { openSqliteFile, sqlitePath } from './sqlite';

/**
 * `npm run backup -- FILE` and `npm run restore -- FILE`, for whichever engine the server uses. SQLite: a
 * consistent copy taken while the server runs (`VACUUM INTO`), put back with the server stopped.
 * PostgreSQL: `pg_dump`'s custom format and `pg_restore`, which replace the tables in one transaction.
 */
export function backup({ dataDir, databaseUrl }: StorageConfig, file: string): void {
  if (existsSync(file)) throw new Error(`${file} exists already: a backup never overwrites a file`);
  if (databaseUrl) {
    execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, databaseUrl], { stdio: 'inherit' });
  } else {
    const db = openSqliteFile(existingSqlite(dataDir));
    try {
      db.prepare('VACUUM INTO ?').run(file);
    } finally {
      db.close();
    }
  }
  // Accounts and sessions: as private as the database itself.
  chmodSync(file, 0o600);
}

export function restore({ dataDir, databaseUrl }: StorageConfig, file: string): void {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  if (databaseUrl) {
    return void execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${databaseUrl}`, file], { stdio: 'inherit' });
  }
  if (!dataDir) throw new Error('DATA_DIR is not set: there is no database file to restore into');
  checkSqliteBackup(file);
  const target = sqlitePath(dataDir);
  const incoming = `${target}.restoring`;
  copyFileSync(file, incoming);
  chmodSync(incoming, 0o600);
  const fd = openSync(incoming, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  // The old log belongs to the old file: replayed over the backup it would corrupt it.
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(incoming, target);
}

function existingSqlite(dataDir: string | undefined): string {
  if (!dataDir) throw new Error('DATA_DIR is not set: the server keeps its data in memory, there is nothing to back up');
  const file = sqlitePath(dataDir);
  if (!existsSync(file)) throw new Error(`${file} does not exist: nothing to back up`);
  return file;
}

/** Refuses to put back anything but a Ringside database. */
function checkSqliteBackup(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    db.prepare('SELECT name FROM kysely_migration').all();
  } catch (error) {
    throw new Error(`${file} is not a Ringside database backup (${(error as Error).message})`, { cause: error });
  } finally {
    db.close();
  }
}
