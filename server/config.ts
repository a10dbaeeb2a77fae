import { BlockList, isIP } from 'node:net';

/** Everything the server reads from its environment, plus limits that tests may tighten. */
export interface ServerConfig {
  host: string;
  /** 0 asks the OS for a free port (tests). */
  port: number;
  /** `dev` trusts the handle a client claims, so it is only allowed on loopback. */
  auth: 'dev';
  ringTimeoutMs: number;
  /**
   * How long a ring waits when every device of the callee has dropped, for one to come back (a browser
   * restarting its service worker) before the caller hears "offline".
   */
  ringGraceMs: number;
  /** A socket that sends nothing for this long is closed; clients ping every 15-20 s. */
  idleTimeoutMs: number;
  messagesPerSecond: number;
  messageBurst: number;
  ringsPerMinute: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  const family = isIP(host);
  if (family === 0) return false;
  return LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/** Pure: the same env always gives the same config, or an Error whose message a person can act on. */
export function loadConfig(env: Env): ServerConfig {
  const host = env.HOST || '127.0.0.1';
  const port = integer(env, 'PORT', 8787, 0, 65535);
  const auth = env.RINGSIDE_AUTH || 'dev';
  if (auth !== 'dev') {
    throw new Error(`RINGSIDE_AUTH=${auth} is not a sign-in method this server knows; the only one is "dev".`);
  }
  if (!isLoopback(host)) {
    throw new Error(
      `RINGSIDE_AUTH=dev lets anyone claim any handle, so the server only listens on a loopback address ` +
        `(127.0.0.1, ::1 or localhost), not HOST=${host}.`,
    );
  }
  return {
    host,
    port,
    auth,
    ringTimeoutMs: integer(env, 'RING_TIMEOUT_MS', 45_000, 1, 10 * 60_000),
    ringGraceMs: 10_000,
    idleTimeoutMs: 60_000,
    messagesPerSecond: 20,
    messageBurst: 40,
    ringsPerMinute: 10,
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new Error(`${name}=${raw} should be a whole number from ${min} to ${max}.`);
  }
  return value;
}
