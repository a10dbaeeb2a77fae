import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Client, testServer } from './client';

type Server = Awaited<ReturnType<typeof testServer>>;
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(overrides: Parameters<typeof testServer>[0]) {
  const server = await testServer(overrides);
  servers.push(server);
  return server;
}

/** A TCP connection from a chosen loopback address; resolves once connected. */
function tcp(port: number, localAddress = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    sockets.push(socket);
    socket.once('error', reject);
  });
}

/** What the server does with a connection: the first bytes it answers, and when it closes it (ms), within `waitMs`. */
function fate(socket: Socket, waitMs: number): Promise<{ answer: string; closedAfterMs?: number }> {
  const started = Date.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.on('error', () => {});
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ answer }), waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe('every connection has a deadline', () => {
  it('closes a connection that never sends a byte, and one that sends its headers too slowly', async () => {
    const server = await start({ headersTimeoutMs: 300 });
    const silent = fate(await tcp(server.port), 3000);
    const slow = await tcp(server.port);
    const slowFate = fate(slow, 3000);
    const drip = setInterval(() => slow.writable && slow.write('X'), 50);
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    try {
      expect((await silent).closedAfterMs).toBeLessThan(1500);
      expect((await slowFate).closedAfterMs).toBeLessThan(1500);
    } finally {
      clearInterval(drip);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('gives each silent connection its own full deadline, counted from its own arrival', async () => {
    const server = await start({ headersTimeoutMs: 800 });
    const first = fate(await tcp(server.port), 5000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = fate(await tcp(server.port), 5000);
    expect((await first).closedAfterMs).toBeLessThan(2000);
    // Closed with the first, it would have lived about 300 ms.
    expect((await second).closedAfterMs).toBeGreaterThanOrEqual(700);
    expect((await second).closedAfterMs).toBeLessThan(2500);
  });

  it('closes a /ws socket that does not say hello in time (1008), and keeps one that does', async () => {
    const server = await start({ helloTimeoutMs: 300 });
    const quiet = await Client.open(server.wsUrl);
    const alice = await Client.signIn(server.wsUrl, 'alice');
    const started = Date.now();
    expect(await quiet.closed).toMatchObject({ code: 1008, reason: 'no hello' });
    expect(Date.now() - started).toBeLessThan(1500);
    await new Promise((resolve) => setTimeout(resolve, 400));
    alice.send({ type: 'ping' });
    await alice.next('pong');
  });
});

describe('connections per client address', () => {
  it('refuses the next connection from a full address at once, logs it once, and still answers others', async () => {
    const server = await start({ connectionsPerAddress: 5 });
    for (let i = 0; i < 5; i++) await tcp(server.port, '127.0.0.2');
    const refusals = await Promise.all([0, 1, 2].map(async () => fate(await tcp(server.port, '127.0.0.2'), 1000)));
    for (const refused of refusals) {
      expect(refused.answer).toMatch(/^HTTP\/1\.1 503/);
      expect(refused.closedAfterMs).toBeLessThan(500);
    }
    expect(server.lines.filter((line) => line.startsWith('connections from 127.0.0.2 refused'))).toHaveLength(1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // One leaves: that address may connect again.
    sockets[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fate(await tcp(server.port, '127.0.0.2'), 300)).closedAfterMs).toBeUndefined();
  });

  it('counts X-Forwarded-For clients behind a trusted proxy, and ignores the header from anyone else', async () => {
    const server = await start({ connectionsPerAddress: 2, trustedProxies: ['127.0.0.1'] });
    const open = (forwardedFor: string, localAddress = '127.0.0.1') =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.wsUrl}/ws`, { headers: { 'x-forwarded-for': forwardedFor }, localAddress });
        ws.once('open', () => resolve(101));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => {});
      });
    expect(await open('198.51.100.7')).toBe(101);
    expect(await open('10.9.9.9, 198.51.100.7')).toBe(101);
    expect(await open('198.51.100.7')).toBe(503);
    expect(await open('198.51.100.8')).toBe(101);
    // Not a trusted proxy: the header is the client's own claim, and its own address is what counts.
    expect(await open('203.0.113.1', '127.0.0.3')).toBe(101);
    expect(await open('203.0.113.2', '127.0.0.3')).toBe(101);
    const third = await tcp(server.port, '127.0.0.3');
    expect((await fate(third, 1000)).answer).toMatch(/^HTTP\/1\.1 503/);
  });
});
