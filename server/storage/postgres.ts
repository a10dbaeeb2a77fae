import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import pg from 'pg';
import type { Log } from '../log';
import type { Schema } from './schema';

/** int8 (bigint): our times in milliseconds fit a double exactly, so they come back as numbers, not strings. */
const INT8 = 20;

/** PostgreSQL via `DATABASE_URL`, for several nodes sharing one database. */
export function openPostgres(url: string, log: Log, queries?: KyselyConfig['log']): Kysely<Schema> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server dropped (a restart, a failover) must not take the process down: the pool
  // opens a new one on the next query.
  pool.on('error', (error) => log.error(`database connection lost: ${error.message}`));
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log: queries });
}
