import { parseEnv } from './env';
import { isLoopback } from './loopback';

/** Everything the server reads from its environment, plus limits that tests may tighten. */
export interface ServerConfig {
  host: string;
  /** 0 asks the OS for a free port (tests). */
  port: number;
  /** Where `/metrics` listens; none, no metrics listener. Port 0 asks the OS (tests). */
  metrics?: { host: string; port: number };
  /** On SIGTERM, how long calls in progress may go on before the node closes them and exits. */
  drainTimeoutMs: number;
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
  /** Redis shared by several nodes (presence, rings, rate limits); none: everything in this process. */
  redisUrl?: string;
  /** This node's id in the cluster; none: a random one. */
  nodeId?: string;
  /** With Redis: how often this node says it is alive (its devices read offline three beats after its last). */
  heartbeatMs: number;
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
  /** Outgoing rings one user may have ringing at once, across their devices. */
  ringsAtOnce: number;
  /** Rings a user may start a minute, whatever becomes of them. */
  ringsPerMinute: number;
  /** Rings an hour from one user to one person who is not in the caller's contacts. */
  ringsToStrangerPerHour: number;
  /** Contact, block, request and settings changes a user may make a minute. */
  reachChangesPerMinute: number;
  /** `presence.watch` messages a user may send a minute, across their devices. */
  presenceWatchesPerMinute: number;
  /** Sign-in requests (begin and exchange alike) per client address. */
  signInRequestsPerMinute: number;
  /** Reverse proxies whose `X-Forwarded-For` names the client; anyone else's is ignored. */
  trustedProxies: string[];
  /** A connection has this long to send its first request's headers. */
  headersTimeoutMs: number;
  /** A `/ws` socket has this long to say hello. */
  helloTimeoutMs: number;
  /** Open connections per client address; the next one is refused at once. */
  connectionsPerAddress: number;
  /** Descriptors kept free for the process itself: connections stop at the soft limit minus these. */
  fdReserve: number;
  /** Messages per second a `/peerjs` socket may send (twice that in a burst). */
  peerMessagesPerSecond: number;
  /**
   * `/peerjs` sockets open at once (two a live call); none means as many as the descriptors left allow. Past it
   * a call that is answered ends `server-full`, in words, for both people.
   */
  maxPeerSockets?: number;
  /** Bytes waiting toward a `/peerjs` socket that does not read before it is closed. */
  peerMaxBufferedBytes: number;
  /** Short-lived records (sign-ins begun and not finished, guests' X proofs) one node holds without Redis; sign-ins in progress per client address. */
  maxPendingSignIns: number;
  pendingSignInsPerAddress: number;
  /** Call links: how long a new link lives, and how many joins a link and a client address get a minute. */
  callLinkTtlMs: number;
  linkJoinsPerMinute: number;
  linkJoinsPerAddressPerMinute: number;
  /** Where the guest page's static build is (`.output/guest` by default). */
  guestPageDir: string;
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

export { isLoopback };

/** Pure: the same env always gives the same config, or an Error naming every bad variable. */
export function loadConfig(raw: Readonly<Record<string, string | undefined>>): ServerConfig {
  const env = parseEnv(raw);
  return {
    host: env.HOST,
    port: env.PORT,
    metrics: env.METRICS_PORT === undefined ? undefined : { host: env.METRICS_HOST, port: env.METRICS_PORT },
    drainTimeoutMs: env.DRAIN_TIMEOUT_MS,
    auth: env.RINGSIDE_AUTH ?? (env.X_CLIENT_ID ? 'x' : 'dev'),
    x: env.X_CLIENT_ID
      ? {
          clientId: env.X_CLIENT_ID,
          clientSecret: env.X_CLIENT_SECRET,
          authorizeUrl: env.X_AUTHORIZE_URL,
          tokenUrl: env.X_TOKEN_URL,
          apiUrl: env.X_API_URL.replace(/\/+$/, ''),
        }
      : undefined,
    sessionIdleMs: env.SESSION_IDLE_MS,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    nodeId: env.NODE_ID,
    heartbeatMs: env.CLUSTER_HEARTBEAT_MS,
    extensionOrigins: env.RINGSIDE_EXTENSION_ORIGINS,
    turn: env.TURN_SECRET && env.TURN_URLS ? { secret: env.TURN_SECRET, urls: env.TURN_URLS, ttlSeconds: env.TURN_TTL_S } : undefined,
    ringTimeoutMs: env.RING_TIMEOUT_MS,
    ringGraceMs: 10_000,
    idleTimeoutMs: 60_000,
    messagesPerSecond: 20,
    messageBurst: 40,
    ringsAtOnce: env.RINGS_AT_ONCE,
    ringsPerMinute: env.RINGS_PER_MINUTE,
    ringsToStrangerPerHour: env.RINGS_TO_STRANGER_PER_HOUR,
    reachChangesPerMinute: env.REACH_CHANGES_PER_MINUTE,
    presenceWatchesPerMinute: env.PRESENCE_WATCHES_PER_MINUTE,
    signInRequestsPerMinute: 60,
    trustedProxies: env.TRUSTED_PROXIES,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
    helloTimeoutMs: env.HELLO_TIMEOUT_MS,
    connectionsPerAddress: env.CONNECTIONS_PER_ADDRESS,
    fdReserve: env.FD_RESERVE,
    peerMessagesPerSecond: env.PEER_MESSAGES_PER_SECOND,
    peerMaxBufferedBytes: env.PEER_MAX_BUFFERED_BYTES,
    maxPeerSockets: env.PEER_SOCKETS_MAX,
    maxPendingSignIns: env.MAX_PENDING_SIGN_INS,
    pendingSignInsPerAddress: env.PENDING_SIGN_INS_PER_ADDRESS,
    callLinkTtlMs: env.CALL_LINK_TTL_MS,
    linkJoinsPerMinute: env.LINK_JOINS_PER_MINUTE,
    linkJoinsPerAddressPerMinute: env.LINK_JOINS_PER_ADDRESS_PER_MINUTE,
    guestPageDir: env.GUEST_PAGE_DIR ?? '.output/guest',
  };
}
