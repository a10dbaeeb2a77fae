import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../server/auth/accounts';
import { backup } from '../../server/storage/backup';
import { openStorage, type StorageConfig } from '../../server/storage/storage';
import { startPostgres, type TestPostgres } from './postgres';
import { silentLog } from '../../server/log';

const run = promisify(execFile);
let postgres: TestPostgres;
let dir: string;
beforeAll(async () => {
  postgres = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'ringside-backup-'));
}, 60_000);
afterAll(async () => {
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The README's commands, as an operator types them, with the server's environment. */
function npmRun(script: 'backup' | 'restore', file: string, config: StorageConfig) {
  const env = { ...process.env, DATA_DIR: config.dataDir ?? '', DATABASE_URL: config.databaseUrl ?? '' };
  return run('npm', ['run', '--silent', script, '--', file], { env });
}

const engines: Array<{ engine: string; config: () => Promise<StorageConfig> }> = [
  { engine: 'SQLite', config: async () => ({ dataDir: mkdtempSync(join(dir, 'data-')) }) },
  { engine: 'PostgreSQL', config: async () => ({ databaseUrl: await postgres.createDatabase() }) },
];

describe.each(engines)('npm run backup and npm run restore on $engine', ({ config }) => {
  it('backs up while the server runs and restores exactly that, with the server stopped', { timeout: 60_000 }, async () => {
    const data = await config();
    const file = join(dir, `backup-${Math.random().toString(36).slice(2)}`);
    const running = await openStorage(data, silentLog);
    const accounts = new AccountStore(running.db);
    await accounts.signedIn({ id: '1', username: 'before', name: 'In the backup' });
    expect((await npmRun('backup', file, data)).stdout).toContain(`Backed up to ${file}.`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Never overwrites: a second backup to the same file is refused.
    expect(() => backup(data, file)).toThrow(/exists already/);

    await accounts.signedIn({ id: '1', username: 'after', name: 'Changed after' });
    await accounts.signedIn({ id: '2', username: 'later', name: 'Not in the backup' });
    await running.close();

    expect((await npmRun('restore', file, data)).stdout).toContain(`Restored from ${file}.`);
    const restored = await openStorage(data, silentLog);
    try {
      const again = new AccountStore(restored.db);
      expect(await again.get('1')).toMatchObject({ handle: 'before', name: 'In the backup' });
      expect(await again.get('2')).toBeUndefined();
    } finally {
      await restored.close();
    }
  });
});
