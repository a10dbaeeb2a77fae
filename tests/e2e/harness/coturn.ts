import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real coturn (Debian's /usr/bin/turnserver) on loopback with a test-only configuration: REST shared
 * secret, loopback relay and loopback peers allowed (which production denies: see deploy/turnserver.conf).
 */
export interface TestTurn {
  secret: string;
  url: string;
  stop(): Promise<void>;
}

export async function startCoturn(): Promise<TestTurn> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ringside-coturn-'));
  const port = await freeUdpPort();
  const secret = randomBytes(16).toString('hex');
  const config = [
    `listening-ip=127.0.0.1`,
    `relay-ip=127.0.0.1`,
    `listening-port=${port}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=ringside.test',
    'fingerprint',
    'no-cli',
    'no-tls',
    'no-dtls',
    'no-multicast-peers',
    'allow-loopback-peers',
    `userdb=${path.join(dir, 'turndb')}`,
    `pidfile=${path.join(dir, 'turnserver.pid')}`,
    `log-file=${path.join(dir, 'turn.log')}`,
    'simple-log',
  ].join('\n');
  const file = path.join(dir, 'turnserver.conf');
  await writeFile(file, `${config}\n`);
  const child = spawn('/usr/bin/turnserver', ['-c', file], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForTcp(port, child);
  return {
    secret,
    url: `turn:127.0.0.1:${port}?transport=udp`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** coturn listens on TCP and UDP alike: the TCP port answering means it is ready. */
async function waitForTcp(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`turnserver not listening on ${port} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
