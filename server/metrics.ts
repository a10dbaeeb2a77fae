import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SERVER_END_REASONS } from '../lib/protocol/end-reason';

/** How a ring ended for its caller: answered, or the reason the caller was told. */
export type RingOutcome = 'answered' | (typeof SERVER_END_REASONS)[number];

/** The limit a node reached when it ended a call `server-full`. */
export type FullLimit = 'peer_sockets' | 'connections';

/** Why a connection or upgrade was turned away: a fixed set, so the label's cardinality stays bounded. */
export type RefusalReason = 'per_address' | 'server_full' | 'peer_full' | 'unreadable_url' | 'peer_not_admitted' | 'unknown_path' | 'draining' | 'failed';

/** Embedded SQLite answers in microseconds, Redis or PostgreSQL on loopback in a fraction of a millisecond, over a network in milliseconds. */
const ROUND_TRIP_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** What the server reads at scrape time: counts it already keeps, so the hot path does no extra work. */
export interface MetricSources {
  ringSockets(): number;
  peerSockets(): number;
  connections(): number;
  presence(): { devices: number; accounts: number; ringing: number; live: number };
  draining(): boolean;
}

/** What the call router counts of rings, where it decides them. */
export type RingMetrics = Pick<ServerMetrics, 'ringOutcome' | 'ringDelivered'>;

export interface ServerMetrics {
  readonly contentType: string;
  text(): Promise<string>;
  refused(reason: RefusalReason): void;
  /** One database round trip, in milliseconds as Kysely reports it. */
  query(engine: 'sqlite' | 'postgres', ms: number, ok: boolean): void;
  /** One Redis round trip: the command's name (a fixed set: the ones the cluster state and rate limiter send). */
  redis(command: string, ms: number, ok: boolean): void;
  ringOutcome(outcome: RingOutcome): void;
  /** From a ring's arrival at the router to the caller's `ringing`, sent once the ring has gone to every callee device. */
  ringDelivered(ms: number): void;
  /** A socket closed for what it sent; `reason` is one of the fixed close reasons of ws-session and peer-gate. */
  messageRefused(path: 'ws' | 'peerjs', reason: string): void;
  /** A call ended `server-full`: which limit the node had reached. */
  full(limit: FullLimit): void;
}

/**
 * The server's figures in Prometheus's text format (prom-client: its default metrics give event-loop lag,
 * memory, CPU and GC for free). One registry per server, so tests may run several in one process. No label
 * carries a handle, an address or an id: every series exists once per node, whatever the traffic.
 */
export function serverMetrics(sources: MetricSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'ringside_sockets',
    help: 'Open WebSockets: ws is the ring and presence protocol (one per extension install), peerjs the call signalling.',
    labelNames: ['path'],
    registers,
    collect() {
      this.set({ path: 'ws' }, sources.ringSockets());
      this.set({ path: 'peerjs' }, sources.peerSockets());
    },
  });
  new Gauge({ name: 'ringside_connections', help: 'Open TCP connections, WebSockets and plain requests alike.', registers, collect() { this.set(sources.connections()); } });
  const presence = { devices: 'Devices signed in (one per extension install).', accounts: 'Accounts with at least one device signed in.' };
  for (const [key, help] of Object.entries(presence) as Array<[keyof typeof presence, string]>) {
    new Gauge({ name: `ringside_signed_in_${key}`, help, registers, collect() { this.set(sources.presence()[key]); } });
  }
  new Gauge({
    name: 'ringside_calls',
    help: 'Calls on this node by phase: ringing (no answer yet) or live (accepted).',
    labelNames: ['phase'],
    registers,
    collect() {
      const { ringing, live } = sources.presence();
      this.set({ phase: 'ringing' }, ringing);
      this.set({ phase: 'live' }, live);
    },
  });
  new Gauge({ name: 'ringside_draining', help: '1 once the node has been told to stop (SIGTERM) and is sending its clients elsewhere.', registers, collect() { this.set(sources.draining() ? 1 : 0); } });
  const refusals = new Counter({ name: 'ringside_connections_refused_total', help: 'Connections and upgrades turned away, by reason.', labelNames: ['reason'], registers });
  const queries = new Histogram({
    name: 'ringside_database_query_seconds',
    help: 'Database round trips (one query each), by engine and outcome.',
    labelNames: ['engine', 'outcome'],
    buckets: ROUND_TRIP_BUCKETS,
    registers,
  });

  const redis = new Histogram({
    name: 'ringside_redis_command_seconds',
    help: 'Redis round trips (one command each, a Lua script being one EVALSHA), by command and outcome: only with REDIS_URL.',
    labelNames: ['command', 'outcome'],
    buckets: ROUND_TRIP_BUCKETS,
    registers,
  });

  const outcomes = new Counter({ name: 'ringside_rings_total', help: 'Rings by outcome, counted once each on the node that decided it: answered, or why the ring ended.', labelNames: ['outcome'], registers });
  const delivery = new Histogram({
    name: 'ringside_ring_delivery_seconds',
    help: 'From a ring arriving to it having gone to every device of the callee.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const messages = new Counter({ name: 'ringside_messages_refused_total', help: 'Sockets closed for a message they sent, by path and reason.', labelNames: ['path', 'reason'], registers });
  const full = new Counter({ name: 'ringside_server_full_total', help: 'Calls ended because this node had reached a limit, by limit.', labelNames: ['limit'], registers });

  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
    refused: (reason) => refusals.inc({ reason }),
    query: (engine, ms, ok) => queries.observe({ engine, outcome: ok ? 'ok' : 'error' }, ms / 1000),
    redis: (command, ms, ok) => redis.observe({ command, outcome: ok ? 'ok' : 'error' }, ms / 1000),
    ringOutcome: (outcome) => outcomes.inc({ outcome }),
    ringDelivered: (ms) => delivery.observe(ms / 1000),
    messageRefused: (path, reason) => messages.inc({ path, reason: reason.replaceAll(' ', '_') }),
    full: (limit) => full.inc({ limit }),
  };
}
