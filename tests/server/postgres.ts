import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL that Debian installed, whatever its major version: `/usr/lib/postgresql/<major>/bin`. */
export function postgresBinDir(): string {
  const majors = existsSync(DEBIAN_ROOT) ? readdirSync(DEBIAN_ROOT).filter((major) => existsSync(join(DEBIAN_ROOT, major, 'bin', 'postgres'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL is not installed (no ${DEBIAN_ROOT}/*/bin/postgres): apt-get install postgresql, as npm test does as root`);
  return join(DEBIAN_ROOT, newest, 'bin');
}

export interface TestPostgres {
  /** A new, empty database on the test server. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL server on 127.0.0.1 and a free port, in a temporary data directory: trust
 * authentication, and durability off (fsync, synchronous_commit), which only a test cluster may do.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user Debian's package creates.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'ringside-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const data = join(dir, 'data');
  execFileSync(...command('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']), { stdio: 'ignore' });

  const port = await freePort();
  const settings = ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', `unix_socket_directories=${dir}`, 'max_connections=200'];
  const server = spawn(...command('postgres', ['-D', data, '-h', '127.0.0.1', '-p', String(port), ...settings.flatMap((s) => ['-c', s])]), {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));

  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  };
  for (let started = Date.now(); ; ) {
    try {
      await query('SELECT 1');
      break;
    } catch (error) {
      if (server.exitCode !== null || Date.now() - started > 20_000) {
        server.kill();
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`the test PostgreSQL did not start: ${(error as Error).message}\n${output}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    async createDatabase() {
      const name = `ringside_${randomBytes(6).toString('hex')}`;
      await query(`CREATE DATABASE ${name}`);
      return url(name);
    },
    async stop() {
      // Signals stop at runuser; pg_ctl tells the server itself. Immediate: nothing here needs keeping.
      execFileSync(...command('pg_ctl', ['stop', '-D', data, '-m', 'immediate']), { stdio: 'ignore' });
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
