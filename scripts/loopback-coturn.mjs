import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * `npm start`'s relay: Debian's coturn (`turnserver`) on 127.0.0.1 with a secret made for this run, for calls
 * between browsers on this one machine. Loopback peers are allowed, which only a machine's own relay may do
 * (deploy/turnserver.conf is the production file). Resolves to null when coturn is not installed.
 */
export async function startLoopbackCoturn() {
  const binary = turnserverPath();
  if (!binary) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-coturn-'));
  const port = await freeUdpPort();
  const secret = randomBytes(24).toString('hex');
  const config = [
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=ringside.local',
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
  ];
  const file = path.join(dir, 'turnserver.conf');
  // The secret is in it: readable by this user only.
  writeFileSync(file, `${config.join('\n')}\n`, { mode: 0o600 });
  const child = spawn(binary, ['-c', file], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await listening(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `turn:127.0.0.1:${port}?transport=udp`, secret, stop };
}

function turnserverPath() {
  const found = spawnSync('sh', ['-c', 'command -v turnserver'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export function freeUdpPort() {
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
async function listening(port, child) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
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
