import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../server/auth/accounts';
import { loadConfig } from '../../server/config';
import { SessionStore } from '../../server/auth/sessions';
import { migrations } from '../../server/storage/migrations';
import { openPostgres } from '../../server/storage/postgres';
import { openSqlite } from '../../server/storage/sqlite';
import { openStorage, type Storage, type StorageConfig } from '../../server/storage/storage';
import { InProcessState } from '../../server/cluster/in-process';
import { ringCarrier } from '../../server/cluster/ring-snapshot';
import type { RingingCall } from '../../server/presence';
import { startPostgres, type TestPostgres } from './postgres';
import { collectLog, silentLog } from '../../server/log';

const DEVICE = { kty: 'EC', crv: 'P-256', x: 'x'.repeat(43), y: 'y'.repeat(43) } as const;
const IDLE_MS = 30 * 24 * 3600_000;

let postgres: TestPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringside-data-'));
  dirs.push(dir);
  return dir;
}

/** Each engine makes a fresh, empty place to store into; reopening the same config finds the same data. */
const engines: Array<{ engine: string; fresh: () => Promise<StorageConfig> }> = [
  { engine: 'SQLite in memory', fresh: async () => ({}) },
  { engine: 'SQLite in a file', fresh: async () => ({ dataDir: tempDir() }) },
  { engine: 'PostgreSQL', fresh: async () => ({ databaseUrl: await postgres.createDatabase() }) },
];
const lasting = engines.filter((e) => e.engine !== 'SQLite in memory');

/** A clock the test moves. */
function clock(start = 1_800_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe.each(engines)('storage on $engine', ({ fresh }) => {
  const open: Storage[] = [];
  const lines: string[] = [];
  const log = collectLog(lines);
  async function storage(config?: StorageConfig): Promise<Storage> {
    const opened = await openStorage(config ?? (await fresh()), log);
    open.push(opened);
    return opened;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    lines.length = 0;
  });

  it('migrates an empty database to the latest schema, once', async () => {
    const config = await fresh();
    const { db } = await storage(config);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'sessions', 'session_revocations']));
    const ran = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(ran.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
    expect(lines.some((l) => l.includes('migrated: 0001-accounts-and-sessions'))).toBe(true);
    if (!config.dataDir && !config.databaseUrl) return;
    lines.length = 0;
    await storage(config);
    expect(lines.filter((l) => l.includes('migrated'))).toEqual([]);
  });

  it('keeps an account by X user id through a rename', async () => {
    const accounts = new AccountStore((await storage()).db);
    const first = await accounts.signedIn({ id: '42', username: 'Alice', name: 'Alice', profileImageUrl: 'https://pbs.twimg.com/a.jpg' });
    expect(first).toEqual({
      account: { userId: '42', handle: 'alice', name: 'Alice', profileImageUrl: 'https://pbs.twimg.com/a.jpg', createdAt: expect.any(Number) },
      displaced: [],
    });
    const renamed = await accounts.signedIn({ id: '42', username: 'Alicia', name: 'Alicia' });
    expect(renamed.account).toEqual({ userId: '42', handle: 'alicia', name: 'Alicia', createdAt: first.account.createdAt });
    expect(await accounts.get('42')).toEqual(renamed.account);
    expect(await accounts.get('43')).toBeUndefined();
  });

  it('gives a handle to whoever signs in with it last; the old owner keeps the account without a handle', async () => {
    const { db } = await storage();
    const accounts = new AccountStore(db);
    await accounts.signedIn({ id: '1', username: 'bob', name: 'Bob' });
    const taken = await accounts.signedIn({ id: '2', username: 'BOB', name: 'New Bob' });
    expect(taken.account.handle).toBe('bob');
    expect(taken.displaced).toEqual([expect.objectContaining({ userId: '1', handle: null, name: 'Bob' })]);
    expect((await accounts.get('1'))?.handle).toBeNull();
    // The old owner signs in again under a new name; nobody else is touched.
    const back = await accounts.signedIn({ id: '1', username: 'bobby', name: 'Bob' });
    expect(back).toMatchObject({ account: { handle: 'bobby' }, displaced: [] });
    expect((await accounts.get('2'))?.handle).toBe('bob');
  });

  it('slides a session while it is used and ends it once unused for the idle time', async () => {
    const time = clock();
    const { db } = await storage();
    await new AccountStore(db, time.now).signedIn({ id: '7', username: 'carol', name: 'Carol' });
    const sessions = new SessionStore(db, IDLE_MS, log, time.now);
    const created = await sessions.create('7', DEVICE);
    expect(created).toMatchObject({ userId: '7', devicePublicKey: DEVICE, expiresAt: time.now() + IDLE_MS });

    // Used every 20 days for 100 days: still alive, its expiry 30 days after the last use.
    for (let day = 20; day <= 100; day += 20) {
      time.advance(20 * 24 * 3600_000);
      expect((await sessions.get(created.id))?.expiresAt).toBe(time.now() + IDLE_MS);
    }
    // A socket held open counts as use too: 40 days connected, then it is still there.
    const socket = { signedOut: () => {} };
    sessions.attach(created.id, socket);
    for (let hour = 0; hour < 40 * 24; hour += 6) {
      time.advance(6 * 3600_000);
      await sessions.tick();
    }
    sessions.detach(created.id, socket);
    expect(await sessions.get(created.id)).toBeDefined();
    // Unused for the idle time: gone, for good.
    time.advance(IDLE_MS);
    expect(await sessions.get(created.id)).toBeUndefined();
    time.advance(-IDLE_MS);
    expect(await sessions.get(created.id)).toBeUndefined();
  });

  it('signs out one device, or every device of an account, closing their sockets', async () => {
    const { db } = await storage();
    await new AccountStore(db).signedIn({ id: '8', username: 'dana', name: 'Dana' });
    await new AccountStore(db).signedIn({ id: '9', username: 'eve', name: 'Eve' });
    const sessions = new SessionStore(db, IDLE_MS, log);
    const [laptop, phone, tablet, other] = await Promise.all([
      sessions.create('8', DEVICE),
      sessions.create('8', DEVICE),
      sessions.create('8', DEVICE),
      sessions.create('9', DEVICE),
    ]);
    const closed: string[] = [];
    for (const [name, s] of Object.entries({ laptop, phone, tablet, other })) sessions.attach(s!.id, { signedOut: (reason) => closed.push(`${name}: ${reason}`) });

    await sessions.revoke(laptop!.id, 'signed out');
    expect(closed).toEqual(['laptop: signed out']);
    expect(await sessions.get(laptop!.id)).toBeUndefined();
    expect(await sessions.get(phone!.id)).toBeDefined();

    await sessions.revokeUser('8', 'signed out everywhere');
    expect(closed.sort()).toEqual(['laptop: signed out', 'phone: signed out everywhere', 'tablet: signed out everywhere']);
    expect(await sessions.get(tablet!.id)).toBeUndefined();
    expect(await sessions.get(other!.id)).toBeDefined();
  });

  it('keeps only a digest of each session id: a copy of the database signs nobody in', async () => {
    const { db } = await storage();
    await new AccountStore(db).signedIn({ id: '16', username: 'lou', name: 'Lou' });
    const sessions = new SessionStore(db, IDLE_MS, log);
    const [kept, revoked] = await Promise.all([sessions.create('16', DEVICE), sessions.create('16', DEVICE)]);
    await sessions.revoke(revoked.id, 'signed out');
    const stored = [
      ...(await db.selectFrom('sessions').select('id').execute()).map((row) => row.id),
      ...(await db.selectFrom('session_revocations').select('session_id').execute()).map((row) => row.session_id),
    ];
    expect(stored).toHaveLength(2);
    expect(stored).not.toContain(kept.id);
    expect(stored).not.toContain(revoked.id);
    // Presenting a stored value as an id finds nothing.
    expect(await sessions.get(stored[0]!)).toBeUndefined();
    expect(await sessions.get(kept.id)).toMatchObject({ userId: '16' });
  });

  it('ends a session’s sockets on another node sharing the database within one poll', async () => {
    const { db } = await storage();
    await new AccountStore(db).signedIn({ id: '10', username: 'fay', name: 'Fay' });
    const [nodeA, nodeB] = [new SessionStore(db, IDLE_MS, log), new SessionStore(db, IDLE_MS, log)];
    const session = await nodeA.create('10', DEVICE);
    const closed: string[] = [];
    nodeB.attach(session.id, { signedOut: (reason) => closed.push(reason) });
    await nodeA.revokeUser('10', 'signed out everywhere');
    expect(closed).toEqual([]);
    await nodeB.tick();
    expect(closed).toEqual(['signed out everywhere']);
  });

  it('keeps what it was told when several sign-ins write at once', async () => {
    const { db } = await storage();
    const accounts = new AccountStore(db);
    await Promise.all(Array.from({ length: 50 }, (_, i) => accounts.signedIn({ id: String(100 + i), username: `user${i}`, name: `User ${i}` })));
    const sessions = new SessionStore(db, IDLE_MS, log);
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => sessions.create(String(100 + i), DEVICE)));
    const found = await Promise.all(created.map((s) => sessions.get(s.id)));
    expect(found.map((s) => s?.userId)).toEqual(created.map((s) => s.userId));
    expect((await accounts.get('149'))?.handle).toBe('user49');
  });
});

describe.each(lasting)('restarting on $engine', ({ fresh }) => {
  it('keeps accounts and sessions when the store is closed and opened again', async () => {
    const config = await fresh();
    const first = await openStorage(config, silentLog);
    await new AccountStore(first.db).signedIn({ id: '11', username: 'gus', name: 'Gus' });
    const session = await new SessionStore(first.db, IDLE_MS, silentLog).create('11', DEVICE);
    await first.close();

    const second = await openStorage(config, silentLog);
    try {
      expect((await new AccountStore(second.db).get('11'))?.handle).toBe('gus');
      expect(await new SessionStore(second.db, IDLE_MS, silentLog).get(session.id)).toMatchObject({ userId: '11', devicePublicKey: DEVICE });
    } finally {
      await second.close();
    }
  });
});

describe.each(lasting)('upgrading on $engine', ({ fresh }) => {
  it('rekeys the sessions an older server stored by id, and they go on working', async () => {
    const config = await fresh();
    const older = config.databaseUrl ? openPostgres(config.databaseUrl, silentLog) : openSqlite(config.dataDir);
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0004'));
    await new Migrator({ db: older, provider: { getMigrations: async () => before } }).migrateToLatest();
    await new AccountStore(older).signedIn({ id: '17', username: 'max', name: 'Max' });
    const id = 'an-id-from-before-digests-0123456789abcdefg';
    await older.insertInto('sessions').values({ id, user_id: '17', device_key: JSON.stringify(DEVICE), created_at: 1, expires_at: Date.now() + IDLE_MS }).execute();
    await older.destroy();

    const upgraded = await openStorage(config, silentLog);
    try {
      expect(await new SessionStore(upgraded.db, IDLE_MS, silentLog).get(id)).toMatchObject({ userId: '17', devicePublicKey: DEVICE });
      expect((await upgraded.db.selectFrom('sessions').select('id').execute()).map((row) => row.id)).not.toContain(id);
    } finally {
      await upgraded.close();
    }
  });
});

describe.each(lasting)('a single node restarting on $engine', ({ fresh }) => {
  const ring = (id: string, expiresAt: number, install?: string): RingingCall => ({
    phase: 'ringing',
    id,
    caller: { node: 'n1', id: 'd1', handle: 'ann', ...(install && { install }) },
    callee: 'ben',
    media: 'audio',
    expiresAt,
    ringing: [{ node: 'n1', id: 'd2', handle: 'ben' }],
    relay: false,
  });

  it('takes up the rings it stopped with, once, except those whose deadline passed meanwhile', async () => {
    const config = await fresh();
    const time = clock();
    const stopping = new InProcessState('n1');
    for (const call of [ring('soon', time.now() + 5_000, 'i1'), ring('later', time.now() + 60_000, 'i1'), ring('dev', time.now() + 60_000)]) {
      await stopping.replaceCall(call.id, undefined, call);
    }
    const first = await openStorage(config, silentLog);
    await ringCarrier(stopping, first.db, true, silentLog, time.now).save();
    await first.close();
    // A caller without a session could not be known again: that ring stays, and holds the drain as before.
    expect((await stopping.callsOf('ben')).map((call) => call.id)).toEqual(['dev']);

    time.advance(10_000);
    const second = await openStorage(config, silentLog);
    const [started, startedAgain] = [new InProcessState('n2'), new InProcessState('n3')];
    try {
      await ringCarrier(started, second.db, true, silentLog, time.now).restore();
      // Nobody's socket is here yet: whoever reconnects rings.
      expect(await started.callsOf('ben')).toEqual([{ ...ring('later', time.now() + 50_000, 'i1'), ringing: [] }]);
      await ringCarrier(startedAgain, second.db, true, silentLog, time.now).restore();
      expect(await startedAgain.callsOf('ben')).toEqual([]);
    } finally {
      await Promise.all([started.close(), startedAgain.close(), second.close()]);
    }
  });
});

describe('SQLite in a file', () => {
  it('is readable by its owner only, data and log alike', async () => {
    const dataDir = tempDir();
    const storage = await openStorage({ dataDir }, silentLog);
    await new AccountStore(storage.db).signedIn({ id: '12', username: 'hal', name: 'Hal' });
    for (const file of ['ringside.db', 'ringside.db-wal']) expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    await storage.close();
  });

  it('leaves the whole database in ringside.db once closed, so a copy of that one file is complete', async () => {
    const dataDir = tempDir();
    const storage = await openStorage({ dataDir }, silentLog);
    await new AccountStore(storage.db).signedIn({ id: '15', username: 'kai', name: 'Kai' });
    await storage.close();
    const copy = tempDir();
    copyFileSync(join(dataDir, 'ringside.db'), join(copy, 'ringside.db'));
    const reopened = await openStorage({ dataDir: copy }, silentLog);
    expect((await new AccountStore(reopened.db).get('15'))?.handle).toBe('kai');
    await reopened.close();
  });

  it('imports the accounts.json of an older server once, and starts despite a torn one', async () => {
    const dataDir = tempDir();
    const legacy = [
      { userId: '13', handle: 'ida', name: 'Ida', createdAt: 1_700_000_000_000 },
      { userId: '14', handle: null, name: 'Jon', profileImageUrl: 'https://pbs.twimg.com/j.jpg', createdAt: 1_700_000_000_001 },
    ];
    writeFileSync(join(dataDir, 'accounts.json'), JSON.stringify(legacy));
    const lines: string[] = [];
    let storage = await openStorage({ dataDir }, collectLog(lines));
    const accounts = new AccountStore(storage.db);
    expect(await accounts.get('13')).toEqual(legacy[0]);
    expect(await accounts.get('14')).toEqual(legacy[1]);
    expect(existsSync(join(dataDir, 'accounts.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, 'accounts.json.imported'), 'utf8'))).toEqual(legacy);
    expect(lines.some((l) => /imported 2 accounts/.test(l))).toBe(true);
    await accounts.signedIn({ id: '13', username: 'ida_b', name: 'Ida' });
    await storage.close();

    // A torn file: the server starts with what the database holds and says why it left the file alone.
    writeFileSync(join(dataDir, 'accounts.json'), JSON.stringify(legacy).slice(0, 40));
    storage = await openStorage({ dataDir }, collectLog(lines));
    expect((await new AccountStore(storage.db).get('13'))?.handle).toBe('ida_b');
    expect(lines.some((l) => /accounts\.json was not imported, it could not be read/.test(l))).toBe(true);
    expect(existsSync(join(dataDir, 'accounts.json'))).toBe(true);
    await storage.close();
  });
});

describe('storage configuration', () => {
  it('reads DATA_DIR, DATABASE_URL and SESSION_IDLE_MS, 30 days unused by default', () => {
    expect(loadConfig({})).toMatchObject({ dataDir: undefined, databaseUrl: undefined, sessionIdleMs: 30 * 24 * 3600_000 });
    const url = 'postgresql://ringside:secret@db.internal:5432/ringside';
    expect(loadConfig({ DATA_DIR: '/var/lib/ringside', DATABASE_URL: url, SESSION_IDLE_MS: '60000' })).toMatchObject({
      dataDir: '/var/lib/ringside',
      databaseUrl: url,
      sessionIdleMs: 60_000,
    });
    expect(() => loadConfig({ DATABASE_URL: 'mysql://ringside:hunter2@db/ringside' })).toThrow(/^DATABASE_URL=\(hidden\) should be a postgres:\/\//);
    expect(() => loadConfig({ SESSION_IDLE_MS: '10' })).toThrow(/SESSION_IDLE_MS/);
  });
});
