import type { Compilable, Kysely } from 'kysely';

/** Stands, in a query built once, for the value each run gives it; no owner or handle can contain a NUL. */
const SLOT = '\u0000slot';

/**
 * A query Kysely builds and compiles once, then runs with `value` wherever the builder used the slot. On the
 * sign-in path the builders and the compiler cost more than SQLite's answer (profiled with
 * `node --cpu-prof` under `npm run bench -- server`): a query that runs at every sign-in and ring is built here.
 */
export function compiledOnce<Db, Row>(db: Kysely<Db>, build: (slot: string) => Compilable<Row>): (value: string) => Promise<Row[]> {
  const compiled = build(SLOT).compile();
  return async (value) => (await db.executeQuery<Row>({ ...compiled, parameters: compiled.parameters.map((p) => (p === SLOT ? value : p)) })).rows;
}
