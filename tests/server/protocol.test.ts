import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../lib/protocol/wire';
import { WebSocket } from 'ws';
import { Client, testServer, tryUpgrade } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

async function healthy(url: string): Promise<void> {
  const response = await fetch(`${url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
}

describe('/ws before anyone signs in', () => {
  it('the challenge says this server signs people in for development, so a signed-out popup offers no Sign in with X', async () => {
    const socket = new WebSocket(`${server.wsUrl}/ws`);
    const first = await new Promise<unknown>((resolve, reject) => {
      socket.onmessage = (event) => resolve(JSON.parse(String(event.data)));
      socket.onerror = () => reject(new Error('no challenge'));
    });
    socket.close();
    expect(first).toEqual({ type: 'challenge', nonce: expect.any(String), signIn: 'dev' });
  });
});

describe('/ws input the server refuses', () => {
  it('answers ping with pong and signs in with a lower-cased handle', async () => {
    const client = await Client.signIn(server.wsUrl, 'MixedCase_1');
    client.send({ type: 'ping' });
    expect(await client.next('pong')).toEqual({ type: 'pong' });
  });

  it('closes 1008 on malformed JSON, logs it, and keeps serving', async () => {
    const client = await Client.signIn(server.wsUrl, 'json_victim');
    client.socket.send('{"type":"ping"');
    expect((await client.closed).code).toBe(1008);
    expect(server.lines.some((line) => line.includes('@json_victim closed 1008: malformed message "not JSON"'))).toBe(true);
    await healthy(server.url);
  });

  it('closes 1008 on a message that fails the schema', async () => {
    const client = await Client.signIn(server.wsUrl, 'schema_victim');
    client.send({ type: 'ring', callId: randomUUID(), to: 'bad handle!', media: 'video' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'malformed message' });
  });

  it('closes 1008 when the schema errors are long and non-ASCII, logging them on one line', async () => {
    const client = await Client.signIn(server.wsUrl, 'long_victim');
    client.send({ type: 'ring', callId: 'é'.repeat(200), to: 'bad\nhandle ✗'.repeat(5), media: 'radio' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'malformed message' });
    const line = server.lines.find((l) => l.includes('@long_victim closed 1008'));
    expect(line).toContain('Invalid UUID');
    expect(line).not.toContain('\n');
  });

  it('closes 1008 on unknown fields (schemas are strict)', async () => {
    const client = await Client.signIn(server.wsUrl, 'strict_victim');
    client.send({ type: 'ping', extra: 1 });
    expect((await client.closed).code).toBe(1008);
  });

  it('closes 1009 on a frame over MAX_FRAME_BYTES and stays healthy', async () => {
    const client = await Client.signIn(server.wsUrl, 'big_victim');
    client.socket.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect((await client.closed).code).toBe(1009);
    await healthy(server.url);
    const next = await Client.signIn(server.wsUrl, 'after_big');
    next.send({ type: 'ping' });
    await next.next('pong');
  });

  it('accepts a frame of exactly MAX_FRAME_BYTES (then judges its content)', async () => {
    const client = await Client.signIn(server.wsUrl, 'edge_case');
    const padding = ' '.repeat(MAX_FRAME_BYTES - JSON.stringify({ type: 'ping' }).length);
    client.socket.send(`{"type":"ping"}${padding}`);
    await client.next('pong');
  });

  it('closes 1008 on a binary frame', async () => {
    const client = await Client.signIn(server.wsUrl, 'binary_victim');
    client.socket.send(Buffer.from(JSON.stringify({ type: 'ping' })));
    expect((await client.closed).code).toBe(1008);
  });

  it('closes 1008 on anything before hello', async () => {
    const client = await Client.open(server.wsUrl);
    client.send({ type: 'ping' });
    expect((await client.closed).code).toBe(1008);
    expect(client.received).toEqual([]);
  });

  it('closes 1008 on a second hello', async () => {
    const client = await Client.signIn(server.wsUrl, 'twice');
    client.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle: 'someone_else' } });
    expect((await client.closed).code).toBe(1008);
  });

  it('closes 1008 on a hello with another protocol version', async () => {
    const client = await Client.open(server.wsUrl);
    client.send({ type: 'hello', v: 2, auth: { kind: 'dev', handle: 'future' } });
    expect((await client.closed).code).toBe(1008);
  });

  it('refuses upgrades on unknown paths with 404', async () => {
    expect(await tryUpgrade(`${server.wsUrl}/nope`)).toEqual({ refused: 404 });
    expect(await tryUpgrade(`${server.wsUrl}/peerjs/other`)).toEqual({ refused: 404 });
  });
});

describe('/ws limits', () => {
  it('closes 1008 when a socket sends faster than its rate', async () => {
    const strict = await testServer({ messagesPerSecond: 1, messageBurst: 3 });
    try {
      const client = await Client.signIn(strict.wsUrl, 'chatty');
      for (let i = 0; i < 5; i++) client.send({ type: 'ping' });
      expect(await client.closed).toEqual({ code: 1008, reason: 'too many messages' });
      // hello took one token, so exactly two pings got through.
      expect(client.received).toEqual([{ type: 'pong' }, { type: 'pong' }]);
    } finally {
      await strict.close();
    }
  });

  it('closes a socket that stays silent past the idle timeout', async () => {
    const quick = await testServer({ idleTimeoutMs: 200 });
    try {
      const client = await Client.signIn(quick.wsUrl, 'sleepy');
      const started = Date.now();
      expect(await client.closed).toEqual({ code: 1000, reason: 'idle' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      await quick.close();
    }
  });
});
