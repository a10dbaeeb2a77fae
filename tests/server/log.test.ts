import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logTo, throttled, type Level } from '../../server/log';
import { pinoLog } from '../../server/pino-log';
import { Client, testServer } from './client';

function jsonLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

afterEach(() => vi.useRealTimers());

describe('the server log', () => {
  it('writes one JSON object per event, with its level and account, and never a token or an SDP', async () => {
    const { lines, stream } = jsonLines();
    const log = pinoLog(stream);
    log.warn('/ws @alice closed 1008: malformed message', { account: '1234', source: '127.0.0.1' });
    log.error('boom', { token: 'secret-token', sdp: 'v=0 o=- 1 2 IN IP4 10.0.0.1', peerToken: 'abc' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ level: 40, msg: '/ws @alice closed 1008: malformed message', account: '1234', source: '127.0.0.1' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'boom', token: '[redacted]', sdp: '[redacted]', peerToken: '[redacted]' });
    expect(JSON.stringify(lines)).not.toMatch(/secret-token|IN IP4/);
  });

  it('writes a flood from one source as a few lines and one summary, and other sources still get through', () => {
    vi.useFakeTimers();
    const written: Array<[Level, string]> = [];
    const log = throttled(logTo((level, msg) => written.push([level, msg])), { perWindow: 3, windowMs: 60_000 });
    for (let i = 0; i < 1000; i++) log.warn(`ignored message ${i}`, { source: '203.0.113.9' });
    log.warn('refused once', { source: '198.51.100.1' });
    expect(written).toHaveLength(4);
    vi.advanceTimersByTime(60_000);
    expect(written).toHaveLength(5);
    expect(written[4]).toEqual(['warn', '997 more lines from 203.0.113.9 suppressed in 60 s']);
  });
});

describe('a flood of ignored messages', () => {
  it('writes a bounded number of lines however many a signed-in socket sends', async () => {
    const server = await testServer({ messagesPerSecond: 1e6, messageBurst: 1e6 });
    try {
      const mallory = await Client.signIn(server.wsUrl, 'mallory');
      for (let i = 0; i < 500; i++) mallory.send({ type: 'decline', callId: randomUUID() });
      mallory.send({ type: 'ping' });
      await mallory.next('pong');
      expect(server.lines.filter((line) => line.includes('@mallory sent decline')).length).toBe(20);
    } finally {
      await server.close();
    }
  });
});
