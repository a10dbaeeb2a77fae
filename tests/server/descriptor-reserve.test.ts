import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client';
import { childServer } from './child-server';

const MAX_FILES = 256;
let server: Awaited<ReturnType<typeof childServer>>;
const held: Socket[] = [];
beforeAll(async () => {
  // Deadlines long enough that nothing the attacker holds is closed by them during the test.
  server = await childServer({ FD_RESERVE: '64', CONNECTIONS_PER_ADDRESS: '40', HEADERS_TIMEOUT_MS: '30000' }, { maxFiles: MAX_FILES });
}, 20_000);
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await server.stop();
});

function hold(localAddress: string): Promise<void> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connect({ port: Number(port), host: '127.0.0.1', localAddress }, () => resolve());
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    held.push(socket);
  });
}

describe('a reserve of descriptors', () => {
  it('answers /healthz and signs a person in while silent connections from many addresses hold the rest', async () => {
    // 10 addresses x 40 connections: more than the process's 256 descriptors.
    for (let a = 2; a < 12; a++) await Promise.all(Array.from({ length: 40 }, () => hold(`127.0.0.${a}`)));
    // A connection a second old without a byte is silent, not on its way (server/connection-guard.ts).
    await sleep(1100);
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(3000) });
    expect(health.status).toBe(200);
    const alice = await Client.signIn(server.wsUrl, 'alice');
    alice.send({ type: 'ping' });
    await alice.next('pong');
    await alice.close();
    expect(server.alive()).toBe(true);
    expect(server.log()).not.toMatch(/EMFILE/);
  }, 20_000);
});
