import type { Compilable, Kysely } from 'kysely';

/** Stand-ins, in a query built once, for the values each run gives it; no owner or handle can contain a NUL. */
const slot = (index: number) => `\u0000slot${index}`;

/**
 * A query Kysely builds and compiles once, then runs with `values` wherever the builder used its slots (one
 * parameter of `build` each). On the sign-in path the builders and the compiler cost more than SQLite's
 * answer (profiled with `node --cpu-prof` under `npm run bench -- server`): a query that runs at every
 * sign-in and ring is built here.
 */
export function compiledOnce<Db, Row, Values extends string[]>(db: Kysely<Db>, build: (...slots: Values) => Compilable<Row>): (...values: Values) => Promise<Row[]> {
  const slots = Array.from({ length: build.length }, (_, index) => slot(index));
  const compiled = build(...(slots as Values)).compile();
  const indexOf = new Map(slots.map((s, index) => [s, index]));
  return async (...values) => {
    const parameters = compiled.parameters.map((p) => (typeof p === 'string' && indexOf.has(p) ? values[indexOf.get(p)!] : p));
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
