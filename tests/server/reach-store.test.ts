import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../server/auth/accounts';
import { silentLog } from '../../server/log';
import { ReachStore } from '../../server/reach/store';
import { openStorage, type Storage, type StorageConfig } from '../../server/storage/storage';
import { startPostgres, type TestPostgres } from './postgres';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres.stop());

const engines: Array<{ engine: string; fresh: () => Promise<StorageConfig> }> = [
  { engine: 'SQLite', fresh: async () => ({}) },
  { engine: 'PostgreSQL', fresh: async () => ({ databaseUrl: await postgres.createDatabase() }) },
];

const DAY = 24 * 3600_000;

describe.each(engines)('reach storage on $engine', ({ fresh }) => {
  const open: Storage[] = [];
  let now = 1_800_000_000_000;
  async function stores(mode: 'dev' | 'x') {
    const storage = await openStorage(await fresh(), silentLog);
    open.push(storage);
    return { reach: new ReachStore(storage.db, mode, () => now), accounts: new AccountStore(storage.db, () => now), db: storage.db };
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('starts every account on the defaults: contacts only, available, no relay', async () => {
    const { reach } = await stores('dev');
    expect(await reach.reach('@bob')).toEqual({ contacts: [], blocked: [], requests: [], settings: { whoCanCall: 'contacts', status: 'available', alwaysRelay: false } });
  });

  it('keeps settings, changing only what a change names', async () => {
    const { reach } = await stores('dev');
    await reach.setSettings('@bob', { status: 'dnd' });
    await reach.setSettings('@bob', { alwaysRelay: true });
    expect((await reach.record('@bob')).settings).toEqual({ whoCanCall: 'contacts', status: 'dnd', alwaysRelay: true });
    expect((await reach.record('@alice')).settings.status).toBe('available');
  });

  it("reads a ring's two people together, each with only their own lists, and a block at once", async () => {
    const { reach } = await stores('dev');
    await reach.add('@alice', 'contact', 'bob');
    await reach.setSettings('@bob', { whoCanCall: 'everyone' });
    await reach.add('@bob', 'blocked', 'carol');
    const [alice, bob] = await reach.records('@alice', '@bob');
    expect(alice).toEqual({ settings: { whoCanCall: 'contacts', status: 'available', alwaysRelay: false }, contacts: [{ handle: 'bob', userId: null }], blocked: [] });
    expect(bob).toEqual({ settings: { whoCanCall: 'everyone', status: 'available', alwaysRelay: false }, contacts: [], blocked: [{ handle: 'carol', userId: null }] });
    await reach.add('@bob', 'blocked', 'alice');
    expect((await reach.records('@alice', '@bob'))[1].blocked.map((b) => b.handle).sort()).toEqual(['alice', 'carol']);
    // An account nobody signed in with (X sign-in) reads the defaults beside the caller's own record.
    expect((await reach.records('@alice', undefined))[1]).toEqual({ settings: { whoCanCall: 'contacts', status: 'available', alwaysRelay: false }, contacts: [], blocked: [] });
  });

  it('moves a person between contacts and blocked, never both, and hides their request', async () => {
    const { reach } = await stores('dev');
    expect(await reach.recordRequest('@bob', { handle: 'alice' }, '@alice')).toBe(true);
    expect(await reach.add('@bob', 'contact', 'alice')).toBe(true);
    expect(await reach.reach('@bob')).toMatchObject({ contacts: ['alice'], blocked: [], requests: [] });
    await reach.add('@bob', 'blocked', 'alice');
    expect(await reach.reach('@bob')).toMatchObject({ contacts: [], blocked: ['alice'] });
    await reach.remove('@bob', 'blocked', 'alice');
    expect(await reach.reach('@bob')).toMatchObject({ contacts: [], blocked: [] });
  });

  it('refuses a contact past the 1,000th, and still re-adds one already listed', async () => {
    const { reach, db } = await stores('dev');
    const rows = Array.from({ length: 1000 }, (_, i) => ({ owner: '@bob', list: 'contact' as const, handle: `c${i}`, user_id: null, added_at: now }));
    for (let i = 0; i < rows.length; i += 250) await db.insertInto('reach_entries').values(rows.slice(i, i + 250)).execute();
    expect(await reach.add('@bob', 'contact', 'one_too_many')).toBe(false);
    expect(await reach.add('@bob', 'contact', 'c7')).toBe(true);
    // The blocked list is counted on its own.
    expect(await reach.add('@bob', 'blocked', 'one_too_many')).toBe(true);
  });

  it('records one request per caller and callee a day, dismissed or not', async () => {
    const { reach } = await stores('dev');
    expect(await reach.recordRequest('@bob', { handle: 'alice' }, '@alice')).toBe(true);
    expect(await reach.recordRequest('@bob', { handle: 'alice' }, '@alice')).toBe(false);
    expect(await reach.recordRequest('@carol', { handle: 'alice' }, '@alice')).toBe(true);
    await reach.dismissRequest('@bob', 'alice');
    expect((await reach.reach('@bob')).requests).toEqual([]);
    now += DAY - 1;
    expect(await reach.recordRequest('@bob', { handle: 'alice' }, '@alice')).toBe(false);
    now += 1;
    expect(await reach.recordRequest('@bob', { handle: 'alice' }, '@alice')).toBe(true);
    expect((await reach.reach('@bob')).requests).toEqual([{ handle: 'alice', at: now, verified: false }]);
  });

  it('keeps a contact through a rename, and does not hand it to whoever takes the old handle', async () => {
    const { reach, accounts } = await stores('x');
    await accounts.signedIn({ id: '1', username: 'Alice', name: 'Alice' });
    await accounts.signedIn({ id: '2', username: 'bob', name: 'Bob' });
    await reach.add('2', 'contact', 'alice');
    await accounts.signedIn({ id: '1', username: 'alice_new', name: 'Alice' });
    await accounts.signedIn({ id: '3', username: 'alice', name: 'Mallory' });
    expect(await reach.record('2')).toMatchObject({ contacts: [{ handle: 'alice_new', userId: '1' }] });
    expect((await reach.reach('2')).contacts).toEqual(['alice_new']);
    expect(await reach.accountOfHandle('alice')).toEqual({ account: '3', person: { handle: 'alice', userId: '3' } });
    await reach.remove('2', 'contact', 'alice_new');
    expect((await reach.reach('2')).contacts).toEqual([]);
  });

  it('ties a handle typed before its owner signed in to the account that signs in with it', async () => {
    const { reach, accounts } = await stores('x');
    await reach.add('2', 'contact', 'carol');
    expect(await reach.record('2')).toMatchObject({ contacts: [{ handle: 'carol', userId: null }] });
    await accounts.signedIn({ id: '3', username: 'carol', name: 'Carol' });
    await reach.reach('2');
    await accounts.signedIn({ id: '3', username: 'carol_renamed', name: 'Carol' });
    expect(await reach.record('2')).toMatchObject({ contacts: [{ handle: 'carol_renamed', userId: '3' }] });
  });
});
