import { describe, expect, it } from 'vitest';
import { isLoopback, loadConfig } from '../../server/config';

describe('loadConfig', () => {
  it('defaults to development sign-in on 127.0.0.1:8787 with a 45 s ring', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 8787, auth: 'dev', ringTimeoutMs: 45_000 });
  });

  it('reads HOST, PORT (0 included) and RING_TIMEOUT_MS', () => {
    expect(loadConfig({ HOST: '::1', PORT: '0', RING_TIMEOUT_MS: '300' })).toMatchObject({
      host: '::1',
      port: 0,
      ringTimeoutMs: 300,
    });
  });

  it('refuses development sign-in on a public address, naming the address', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST=0\.0\.0\.0.*loopback/);
    expect(() => loadConfig({ HOST: '192.168.1.10', RINGSIDE_AUTH: 'dev' })).toThrow(/HOST=192\.168\.1\.10/);
    expect(() => loadConfig({ HOST: '::' })).toThrow(/loopback/);
    expect(() => loadConfig({ HOST: 'example.com' })).toThrow(/loopback/);
  });

  it('refuses an unknown sign-in method and malformed numbers', () => {
    expect(() => loadConfig({ RINGSIDE_AUTH: 'magic' })).toThrow(/RINGSIDE_AUTH=magic/);
    expect(() => loadConfig({ RINGSIDE_AUTH: 'x' })).toThrow(/X_CLIENT_ID/);
    expect(() => loadConfig({ PORT: '80a' })).toThrow(/PORT=80a should be a whole number from 0 to 65535\./);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ RING_TIMEOUT_MS: '-1' })).toThrow(/RING_TIMEOUT_MS/);
    expect(() => loadConfig({ RING_TIMEOUT_MS: '0' })).toThrow(/RING_TIMEOUT_MS/);
  });
});

describe('isLoopback', () => {
  it('knows 127.0.0.0/8, ::1 and localhost', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'LOCALHOST']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '128.0.0.1', '10.0.0.1', 'localhost.example.com', '']) {
      expect(isLoopback(host)).toBe(false);
    }
  });
});

describe('the environment schema', () => {
  it('names every bad variable in one message', () => {
    const all = () => loadConfig({ PORT: 'x', HEADERS_TIMEOUT_MS: '5', TRUSTED_PROXIES: '10.0.0.1,proxy' });
    expect(all).toThrow(/PORT=x should be a whole number from 0 to 65535\./);
    expect(all).toThrow(/HEADERS_TIMEOUT_MS=5 should be a whole number from 100 to 60000\./);
    expect(all).toThrow(/TRUSTED_PROXIES=10\.0\.0\.1,proxy should list IP addresses/);
    expect(() => loadConfig({ TURN_SECRET: 's' })).toThrow(/TURN_SECRET=\(hidden\) TURN needs both TURN_SECRET and TURN_URLS/);
    expect(() => loadConfig({ X_CLIENT_ID: 'id', X_TOKEN_URL: 'http://x.example/token' })).toThrow(/X_TOKEN_URL=http:\/\/x\.example\/token should be an https URL/);
  });

  it('reads the limits, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ headersTimeoutMs: 5000, helloTimeoutMs: 10_000, connectionsPerAddress: 100, trustedProxies: [] });
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.1, ::1 ', CONNECTIONS_PER_ADDRESS: '7' })).toMatchObject({
      trustedProxies: ['10.0.0.1', '::1'],
      connectionsPerAddress: 7,
    });
  });
});
