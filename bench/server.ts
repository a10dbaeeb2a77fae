import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openFilesLimit } from '../server/fd-limit';
import { mergeReport, writeReport } from './report';
import { holdIdle, liveCalls, loadFor, processOf, ringLatency } from './server/phases';
import { startTarget, type Target } from './server/processes';
import { seedSessions } from './server/sessions';
import { percentile } from './stats';

/**
 * `npm run bench -- server`: how far one node goes, beside the stock PeerServer and a bare `ws` server in the
 * same run (issue 18). Clients live in separate load processes, from many loopback addresses, and speak the
 * real protocol. Sizes come from the environment so a quick run (BENCH_CLIENTS=2000 …) takes a minute.
 */
const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** What every server compared can hold under 20,000 descriptors; Ringside is then pushed past its cap. */
export const CLIENTS = size('BENCH_CLIENTS', 19_800);
export const OVER_CAP = size('BENCH_OVER_CAP', 300);
export const SESSION_CLIENTS = size('BENCH_SESSION_CLIENTS', CLIENTS);
const RING_CLIENTS = size('BENCH_RING_CLIENTS', 10_000);
const RINGS_PER_SECOND = size('BENCH_RINGS_PER_SECOND', 1_000);
const RING_SECONDS = size('BENCH_RING_SECONDS', 30);
const CALLS = size('BENCH_CALLS', 5_000);
export const IDLE_SECONDS = size('BENCH_IDLE_SECONDS', 20);

/** The server's default (server/env.ts): descriptors it keeps for itself. */
const FD_RESERVE = 128;
const PORT = size('BENCH_PORT', 18_841);
const METRICS_PORT = PORT + 1;
export const SERVER = ['--enable-source-maps', 'dist/server/main.mjs'];
/** Product defaults stay (40 clients an address keeps under CONNECTIONS_PER_ADDRESS=100); only the ring limits go. */
export const BENCH_ENV = {
  PORT: String(PORT),
  METRICS_PORT: String(METRICS_PORT),
  RINGS_AT_ONCE: '1000',
  RINGS_PER_MINUTE: '100000',
  RINGS_TO_STRANGER_PER_HOUR: '100000',
  REACH_CHANGES_PER_MINUTE: '100000',
};
export const WS = `ws://127.0.0.1:${PORT}`;

/** Runs one phase on a fresh target; the machine's load then is kept with it, as 2 cores are shared. */
export async function measured<T>(start: () => Promise<Target>, run: (target: Target) => Promise<T>): Promise<T & { loadAverage1m: number }> {
  const loadAverage1m = Math.round(os.loadavg()[0]! * 100) / 100;
  const target = await start();
  try {
    return { ...(await run(target)), loadAverage1m };
  } catch (error) {
    throw new Error(`${target.name}: ${error instanceof Error ? error.message : String(error)}\n--- its last output ---\n${target.tail()}`, { cause: error });
  } finally {
    await target.stop();
  }
}

export const ringside = (env: Record<string, string> = {}) => startTarget('ringside', SERVER, { ...BENCH_ENV, ...env });

async function sessionRun() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ringside-bench-'));
  const load = loadFor(SESSION_CLIENTS);
  try {
    const sessions = await seedSessions(dataDir, load, SESSION_CLIENTS, (i) => processOf(i, load.children.length));
    const env = { RINGSIDE_AUTH: 'x', X_CLIENT_ID: 'bench', DATA_DIR: dataDir };
    return await measured(() => ringside(env), (t) => holdIdle(t, 'session', WS, SESSION_CLIENTS, IDLE_SECONDS, { sessions, load }));
  } finally {
    await load.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runRings = (target: Target) => ringLatency(target, WS, RING_CLIENTS, RINGS_PER_SECOND, RING_SECONDS);
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

function ringFigures({ latencies, ...counts }: Awaited<ReturnType<typeof runRings>> & { loadAverage1m: number }) {
  return { ...counts, lost: counts.sent - counts.delivered, p50Ms: ms(percentile(latencies, 50)), p99Ms: ms(percentile(latencies, 99)), maxMs: ms(Math.max(...latencies)) };
}

/**
 * `npm run bench -- server-rings`: the ring-delivery phase alone, its figures put in place of the last run's
 * in bench/results/server.json with their own command, for repeating on a quiet machine.
 */
export async function benchServerRings(): Promise<string> {
  spawnSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const rings = await measured(ringside, runRings);
  return mergeReport('server', 'ringDelivery', {
    command: `BENCH_RING_CLIENTS=${RING_CLIENTS} BENCH_RINGS_PER_SECOND=${RINGS_PER_SECOND} BENCH_RING_SECONDS=${RING_SECONDS} npm run bench -- server-rings`,
    date: new Date().toISOString(),
    ...ringFigures(rings),
    loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
  });
}

const runCalls = (target: Target) => liveCalls(target, WS, `${WS}/peerjs/peerjs`, `http://127.0.0.1:${METRICS_PORT}/metrics`, CALLS, IDLE_SECONDS);

/**
 * `npm run bench -- server-calls`: the live-calls phase alone, its figures put in place of the last run's in
 * bench/results/server.json with their own command, as the whole bench takes most of an hour. A live call
 * holds four of the server's sockets (two `/ws`, two `/peerjs`), so one process holds as many calls as its
 * open-files limit less FD_RESERVE allows, a quarter; the calls past that must end `server-full`, in words.
 */
export async function benchServerCalls(): Promise<string> {
  spawnSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const descriptors = { openFilesLimit: openFilesLimit(), reserve: FD_RESERVE, callsThatFit: Math.floor((openFilesLimit() - FD_RESERVE) / 4) };
  const calls = await measured(ringside, runCalls);
  return mergeReport('server', 'liveCalls', { command: `BENCH_CALLS=${CALLS} BENCH_IDLE_SECONDS=${IDLE_SECONDS} npm run bench -- server-calls`, date: new Date().toISOString(), descriptors, ...calls, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) });
}

const bareWs = () => startTarget('bare ws', ['bench/server/bare-ws.mjs'], { PORT: String(PORT) });

type Idle = Awaited<ReturnType<typeof holdIdle>>;

/** What the idle phases say of admission and memory, Ringside's development sign-in beside bare `ws`. */
export function admissionFigures(idle: Record<string, Idle> & Record<'ringside (development sign-in)' | 'bare ws', Idle>) {
  const dev = idle['ringside (development sign-in)'];
  const bare = idle['bare ws'];
  return {
    idleSignedInClientsHeld: dev.pastTheCap ?? dev.held,
    rssPerIdleClientKiB: Object.fromEntries(Object.entries(idle).map(([name, r]) => [name, r.rssPerClientKiB])),
    heapPerIdleClientKiB: Object.fromEntries(Object.entries(idle).map(([name, r]) => [name, r.heapPerClientKiB])),
    admitSeconds: Object.fromEntries(
      Object.entries(idle).map(([name, r]) => [name, { seconds: r.admitSeconds, cpuMsPerClient: r.admitCpuMsPerClient, loadCpuMsPerClient: r.admitLoadCpuMsPerClient, held: r.held }]),
    ),
    admitRatioToBareWs: {
      wallTime: Math.round((dev.admitSeconds / bare.admitSeconds) * 100) / 100,
      serverCpu: Math.round((dev.admitCpuMsPerClient / bare.admitCpuMsPerClient) * 100) / 100,
      loadCpu: Math.round((dev.admitLoadCpuMsPerClient / bare.admitLoadCpuMsPerClient) * 100) / 100,
    },
  };
}

/** The reference the issue names: the `peer` package as shipped, holding as many idle PeerJS clients. */
const stockPeerIdle = () =>
  measured(
    () => startTarget('stock PeerServer', ['bench/server/stock-peer.mjs'], { PORT: String(PORT), CONCURRENT_LIMIT: String(CLIENTS) }),
    (t) => holdIdle(t, 'peer', `${WS}/peerjs`, CLIENTS, IDLE_SECONDS),
  );

/** The idle phases, one server after another: Ringside past its cap, the stock PeerServer, bare ws, session sign-in. */
export async function idlePhases() {
  return {
    'ringside (development sign-in)': await measured(ringside, (t) => holdIdle(t, 'ringside', WS, CLIENTS, IDLE_SECONDS, { overCap: OVER_CAP })),
    'stock PeerServer': await stockPeerIdle(),
    'bare ws': await measured(bareWs, (t) => holdIdle(t, 'ws', WS, CLIENTS, IDLE_SECONDS)),
    ...(SESSION_CLIENTS > 0 ? { 'ringside (session sign-in)': await sessionRun() } : {}),
  };
}

export async function benchServer(): Promise<string> {
  spawnSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const idle = await idlePhases();
  const rings = await measured(ringside, runRings);
  const calls = await measured(ringside, runCalls);

  const figures = {
    sizes: { clients: CLIENTS, overCap: OVER_CAP, sessionClients: SESSION_CLIENTS, ringClients: RING_CLIENTS, ringsPerSecond: RINGS_PER_SECOND, ringSeconds: RING_SECONDS, calls: CALLS, idleSeconds: IDLE_SECONDS },
    ...admissionFigures(idle),
    ringDelivery: ringFigures(rings),
    liveCalls: calls,
    idle,
  };
  return writeReport('server', figures, [
    'Servers run as plain node (dist/server/main.mjs, bench/server/*.mjs), one at a time; clients in separate load processes of at most 8,000 sockets, 40 per loopback source address (127.1.x.y).',
    'Memory per idle client is the RSS slope from half the clients to all of them, each read after a forced collection (bench/server/gc-on-signal.cjs, preloaded by the bench only); admission is the wall time of the connect steps (100 in flight per load process) and the server CPU they cost.',
    `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ]);
}
