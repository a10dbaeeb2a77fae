import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountStore } from '../server/auth/accounts';
import { SessionStore } from '../server/auth/sessions';
import { openStorage, type StorageConfig } from '../server/storage/storage';
import { startPostgres } from '../tests/server/postgres';
import { silentLog } from '../server/log';

/**
 * `node --expose-gc --import tsx bench/storage.ts`: what a hello costs in each engine (one session and one account looked up),
 * what a sign-in costs with 10 accounts and with 200,000, and the memory the engine adds to the process.
 * A measurement to read, not a test: nothing here passes or fails.
 */
const DEVICE = { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) } as const;
const ACCOUNTS = 200_000;
const LOOKUPS = 20_000;
const SIGN_INS = 300;
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
/** Microseconds per operation, two decimals. */
const perOp = (startNs: bigint, n: number) => Math.round(Number(process.hrtime.bigint() - startNs) / n / 10) / 100;

async function fill(config: StorageConfig, count: number) {
  const storage = await openStorage(config, silentLog);
  for (let i = 0; i < count; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      user_id: String(i + j),
      handle: `user${i + j}`,
      name: `User ${i + j}`,
      profile_image_url: null,
      created_at: Date.now(),
    }));
    await storage.db.insertInto('accounts').values(rows).execute();
  }
  return storage;
}

async function signInMicros(config: StorageConfig, accounts: number) {
  const storage = await fill(config, accounts);
  const store = new AccountStore(storage.db);
  for (let i = 0; i < 50; i++) await store.signedIn({ id: String(i % accounts), username: `warm${i}`, name: 'Warm' });
  const start = process.hrtime.bigint();
  for (let i = 0; i < SIGN_INS; i++) await store.signedIn({ id: String(i % accounts), username: `renamed${i}`, name: 'Renamed' });
  const micros = perOp(start, SIGN_INS);
  await storage.close();
  return micros;
}

async function measure(engine: string, fresh: () => Promise<StorageConfig>) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const storage = await fill(await fresh(), ACCOUNTS);
  const sessions = new SessionStore(storage.db, 30 * 24 * 3600_000, silentLog);
  const ids: string[] = [];
  for (let i = 0; i < 10_000; i++) ids.push((await sessions.create(String(i * 7), DEVICE)).id);
  const accounts = new AccountStore(storage.db);
  for (let i = 0; i < 2000; i++) await accounts.get(String(i)); // warm-up
  let start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i++) await accounts.get(String((i * 7919) % ACCOUNTS));
  const accountLookupUs = perOp(start, LOOKUPS);
  start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i++) await sessions.get(ids[(i * 7919) % ids.length]!);
  const sessionLookupUs = perOp(start, LOOKUPS);
  global.gc?.();
  const rssAddedMiB = mib(process.memoryUsage().rss - rssBefore);
  await storage.close();
  const signInUs = { with10Accounts: await signInMicros(await fresh(), 10), [`with${ACCOUNTS}Accounts`]: await signInMicros(await fresh(), ACCOUNTS) };
  return { engine, accountLookupUs, sessionLookupUs, signInUs, rssAddedMiB };
}

const dir = mkdtempSync(join(tmpdir(), 'ringside-bench-'));
const postgres = await startPostgres();
try {
  const results = [
    await measure('SQLite in memory', async () => ({})),
    await measure('SQLite file (WAL, synchronous=FULL)', async () => ({ dataDir: mkdtempSync(join(dir, 'data-')) })),
    await measure('PostgreSQL on loopback (test cluster, fsync off)', async () => ({ databaseUrl: await postgres.createDatabase() })),
  ];
  console.log(JSON.stringify({ command: 'node --expose-gc --import tsx bench/storage.ts', loadAverage: (await import('node:os')).loadavg()[0], node: process.version, accounts: ACCOUNTS, sessions: 10_000, lookups: LOOKUPS, results }, null, 2));
} finally {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
