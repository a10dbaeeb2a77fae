import { BlockList, isIP } from 'node:net';

/** Everything the server reads from its environment, plus limits that tests may tighten. */
export interface ServerConfig {
  host: string;
  /** 0 asks the OS for a free port (tests). */
  port: number;
  /** `dev` trusts the handle a client claims, so it is only allowed on loopback; `x` is Sign in with X. */
  auth: 'dev' | 'x';
  /** X's OAuth 2.0 app and endpoints; absent when nobody configured an app (development sign-in only). */
  x?: XAppConfig;
  /** A session unused this long ends; each use slides it forward. */
  sessionIdleMs: number;
  /** SQLite's file goes here; none means in memory only (unless databaseUrl). */
  dataDir?: string;
  /** PostgreSQL instead of the embedded SQLite. */
  databaseUrl?: string;
  /** Extension origins allowed to call `/auth`; none means any extension origin (never a web page). */
  extensionOrigins: string[];
  turn?: TurnConfig;
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
  /** Sign-in requests (begin and exchange alike) per client address. */
  signInRequestsPerMinute: number;
}

export interface XAppConfig {
  clientId: string;
  /** X's "confidential client": sent as HTTP Basic at the token endpoint. Public clients have none. */
  clientSecret?: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The API base: `users/me` is `${apiUrl}/2/users/me`. */
  apiUrl: string;
}

export interface TurnConfig {
  secret: string;
  urls: string[];
  ttlSeconds: number;
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
  const auth = env.RINGSIDE_AUTH || (env.X_CLIENT_ID ? 'x' : 'dev');
  if (auth !== 'dev' && auth !== 'x') {
    throw new Error(`RINGSIDE_AUTH=${auth} is not a sign-in method this server knows: use "x" or "dev".`);
  }
  const x = xApp(env);
  if (auth === 'x' && !x) {
    throw new Error('RINGSIDE_AUTH=x needs X_CLIENT_ID (and X_CLIENT_SECRET for a confidential client): see the README.');
  }
  if (auth === 'dev' && !isLoopback(host)) {
    throw new Error(
      `RINGSIDE_AUTH=dev lets anyone claim any handle, so the server only listens on a loopback address ` +
        `(127.0.0.1, ::1 or localhost), not HOST=${host}.`,
    );
  }
  return {
    host,
    port,
    auth,
    x,
    sessionIdleMs: integer(env, 'SESSION_IDLE_MS', 30 * DAY_MS, 1000, 365 * DAY_MS),
    dataDir: env.DATA_DIR || undefined,
    databaseUrl: databaseUrl(env),
    extensionOrigins: (env.RINGSIDE_EXTENSION_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    turn: turn(env),
    ringTimeoutMs: integer(env, 'RING_TIMEOUT_MS', 45_000, 1, 10 * 60_000),
    ringGraceMs: 10_000,
    idleTimeoutMs: 60_000,
    messagesPerSecond: 20,
    messageBurst: 40,
    ringsPerMinute: 10,
    signInRequestsPerMinute: 60,
  };
}

const DAY_MS = 24 * 3600_000;

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error('DATABASE_URL should be a postgres:// or postgresql:// URL.');
  return raw;
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

function xApp(env: Env): XAppConfig | undefined {
  if (!env.X_CLIENT_ID) return undefined;
  return {
    clientId: env.X_CLIENT_ID,
    clientSecret: env.X_CLIENT_SECRET || undefined,
    authorizeUrl: url(env, 'X_AUTHORIZE_URL', 'https://x.com/i/oauth2/authorize'),
    tokenUrl: url(env, 'X_TOKEN_URL', 'https://api.x.com/2/oauth2/token'),
    apiUrl: url(env, 'X_API_URL', 'https://api.x.com').replace(/\/+$/, ''),
  };
}

function turn(env: Env): TurnConfig | undefined {
  if (!env.TURN_SECRET && !env.TURN_URLS) return undefined;
  if (!env.TURN_SECRET || !env.TURN_URLS) throw new Error('TURN needs both TURN_SECRET and TURN_URLS.');
  const urls = env.TURN_URLS.split(',').map((u) => u.trim()).filter(Boolean);
  for (const u of urls) {
    if (!/^turns?:[^\s]+$/.test(u)) throw new Error(`TURN_URLS has ${u}, which is not a turn: or turns: URL.`);
  }
  // coturn checks the expiry inside the username: an hour bounds what a leaked credential is worth.
  return { secret: env.TURN_SECRET, urls, ttlSeconds: integer(env, 'TURN_TTL_S', 3600, 60, 3600) };
}

function url(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed.hostname))) return raw;
  } catch {
    // Falls through to the message below.
  }
  throw new Error(`${name}=${raw} should be an https URL (plain http only on loopback, for the test stand-in).`);
}
