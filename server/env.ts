import { isIP } from 'node:net';
import * as v from 'valibot';
import { isLoopback } from './loopback';
import { NODE_ID_PATTERN } from '../lib/protocol/endpoints';

/**
 * The server's whole environment, one schema. Each variable is a line here: adding one (DATABASE_URL, a new
 * limit) means adding its line and reading it in `config.ts`. Empty variables count as unset.
 */
const wholeNumberIn = (min: number, max: number) => {
  const message = `should be a whole number from ${min} to ${max}`;
  return v.pipe(v.string(), v.trim(), v.regex(/^\d+$/, message), v.transform(Number), v.minValue(min, message), v.maxValue(max, message));
};
const wholeNumber = (fallback: number, min: number, max: number) => v.optional(wholeNumberIn(min, max), String(fallback));

/** https, or plain http on loopback for the test stand-in. */
const Url = (fallback: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.check((raw) => {
        const parsed = parseUrl(raw);
        return parsed?.protocol === 'https:' || (parsed?.protocol === 'http:' && isLoopback(parsed.hostname));
      }, 'should be an https URL (plain http only on loopback, for the test stand-in)'),
    ),
    fallback,
  );

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

const list = (item?: v.GenericSchema<string>, message = '') =>
  v.pipe(
    v.string(),
    v.transform((raw) => raw.split(',').map((part) => part.trim()).filter(Boolean)),
    v.check((parts) => !item || parts.every((part) => v.is(item, part)), message),
  );

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const EnvSchema = v.pipe(
  v.object({
    HOST: v.optional(v.string(), '127.0.0.1'),
    PORT: wholeNumber(8787, 0, 65535),
    // /metrics has its own listener (see server/metrics-server.ts): off unless a port is given.
    METRICS_HOST: v.optional(v.string(), '127.0.0.1'),
    METRICS_PORT: v.optional(wholeNumberIn(0, 65535)),
    DRAIN_TIMEOUT_MS: wholeNumber(5 * MINUTE, 0, DAY),
    RINGSIDE_AUTH: v.optional(v.picklist(['dev', 'x'], 'is not a sign-in method this server knows: use "x" or "dev"')),
    X_CLIENT_ID: v.optional(v.string()),
    X_CLIENT_SECRET: v.optional(v.string()),
    X_AUTHORIZE_URL: Url('https://x.com/i/oauth2/authorize'),
    X_TOKEN_URL: Url('https://api.x.com/2/oauth2/token'),
    X_API_URL: Url('https://api.x.com'),
    RINGSIDE_EXTENSION_ORIGINS: v.optional(list(), ''),
    SESSION_IDLE_MS: wholeNumber(30 * DAY, SECOND, 365 * DAY),
    DATA_DIR: v.optional(v.string()),
    DATABASE_URL: v.optional(v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//, 'should be a postgres:// or postgresql:// URL'))),
    // Several nodes share presence, rings and rate limits through this Redis; unset: one node, in process.
    REDIS_URL: v.optional(v.pipe(v.string(), v.regex(/^rediss?:\/\//, 'should be a redis:// or rediss:// URL'))),
    // This node's name in the cluster and in its PeerServer path (/n/<NODE_ID>/peerjs); unset: random per start.
    NODE_ID: v.optional(v.pipe(v.string(), v.regex(NODE_ID_PATTERN, 'should be 1-64 letters, digits, - or _'))),
    // How often a node tells the others it is alive; its devices read offline three beats after its last.
    CLUSTER_HEARTBEAT_MS: wholeNumber(5 * SECOND, 100, MINUTE),
    TURN_SECRET: v.optional(v.string()),
    TURN_URLS: v.optional(list(v.pipe(v.string(), v.regex(/^turns?:\S+$/)), 'should list turn: or turns: URLs, comma-separated')),
    // coturn checks the expiry inside the username: an hour bounds what a leaked credential is worth.
    TURN_TTL_S: wholeNumber(3600, 60, 3600),
    RING_TIMEOUT_MS: wholeNumber(45 * SECOND, 1, 10 * MINUTE),
    // Abuse limits (issue 14): over one, a caller hears "rate-limited", the callee nothing.
    RINGS_AT_ONCE: wholeNumber(3, 1, 1000),
    RINGS_PER_MINUTE: wholeNumber(10, 1, 100_000),
    RINGS_TO_STRANGER_PER_HOUR: wholeNumber(3, 1, 100_000),
    REACH_CHANGES_PER_MINUTE: wholeNumber(60, 1, 100_000),
    PRESENCE_WATCHES_PER_MINUTE: wholeNumber(60, 1, 100_000),
    TRUSTED_PROXIES: v.optional(list(v.pipe(v.string(), v.check((ip) => isIP(ip) !== 0)), 'should list IP addresses, comma-separated'), ''),
    HEADERS_TIMEOUT_MS: wholeNumber(5 * SECOND, 100, MINUTE),
    HELLO_TIMEOUT_MS: wholeNumber(10 * SECOND, 100, MINUTE),
    CONNECTIONS_PER_ADDRESS: wholeNumber(100, 1, 100_000),
    FD_RESERVE: wholeNumber(128, 16, 100_000),
    PEER_MESSAGES_PER_SECOND: wholeNumber(50, 1, 10_000),
    PEER_SOCKETS_MAX: v.optional(wholeNumberIn(2, 10_000_000)),
    PEER_MAX_BUFFERED_BYTES: wholeNumber(1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    MAX_PENDING_SIGN_INS: wholeNumber(10_000, 1, 10_000_000),
    PENDING_SIGN_INS_PER_ADDRESS: wholeNumber(20, 1, 10_000),
    CALL_LINK_TTL_MS: wholeNumber(DAY, SECOND, 7 * DAY),
    LINK_JOINS_PER_MINUTE: wholeNumber(3, 1, 1000),
    LINK_JOINS_PER_ADDRESS_PER_MINUTE: wholeNumber(10, 1, 10_000),
    /** The guest page's build (`npm run build`); tests point it at their own. */
    GUEST_PAGE_DIR: v.optional(v.string()),
  }),
  v.forward(
    v.check((env) => env.RINGSIDE_AUTH !== 'x' || !!env.X_CLIENT_ID, 'is needed by RINGSIDE_AUTH=x (and X_CLIENT_SECRET for a confidential client): see the README'),
    ['X_CLIENT_ID'],
  ),
  v.forward(
    v.check(
      (env) => (env.RINGSIDE_AUTH ?? (env.X_CLIENT_ID ? 'x' : 'dev')) !== 'dev' || isLoopback(env.HOST),
      'is not loopback: RINGSIDE_AUTH=dev lets anyone claim any handle, so the server only listens on a loopback address (127.0.0.1, ::1 or localhost)',
    ),
    ['HOST'],
  ),
  v.forward(v.check((env) => !env.TURN_SECRET === !env.TURN_URLS?.length, 'TURN needs both TURN_SECRET and TURN_URLS'), ['TURN_SECRET']),
);
export type Env = v.InferOutput<typeof EnvSchema>;

/** Values that can carry a password: named in an error, never shown (it ends up in logs). */
const SECRET = new Set(['X_CLIENT_SECRET', 'TURN_SECRET', 'DATABASE_URL', 'REDIS_URL']);

/** Every bad variable in one message, each named with the value it had, so a person can fix them all at once. */
export function parseEnv(raw: Readonly<Record<string, string | undefined>>): Env {
  const set = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const result = v.safeParse(EnvSchema, set);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const name = String(issue.path?.[0]?.key ?? '');
    const shown = set[name] === undefined ? '(unset)' : SECRET.has(name) ? '(hidden)' : set[name];
    return `${name}=${shown} ${issue.message}.`;
  });
  throw new Error(problems.join(' '));
}
