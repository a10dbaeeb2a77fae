import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

function raw(request: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(server.port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    setTimeout(() => socket.destroy(), 2000);
  });
}

const STACK = /\bat .+:\d+:\d+|node_modules|\.ts:\d+/;

describe('errors answer without a stack trace', () => {
  it('answers an upgrade with an unreadable URL 400, with no stack in the answer or the log', async () => {
    const answer = await raw('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(server.lines.some((line) => line.includes('unreadable URL'))).toBe(true);
    expect(server.lines.join('\n')).not.toMatch(STACK);
  });

  it('answers a malformed path with a short JSON error, not express\'s page with a stack', async () => {
    const response = await fetch(`${server.url}/peerjs/%E0%A4%A/id`);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toBe('{"error":"Bad request."}');
    expect(server.lines.join('\n')).not.toMatch(STACK);
  });
});
