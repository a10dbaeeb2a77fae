import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres } from '../tests/server/postgres';
import { writeReport } from './report';
import { BENCH_ENV, SERVER } from './server';
import { startTarget, type Target } from './server/processes';
import { startRedisServer, type BenchRedis } from './server/redis-server';
import { ringsAcrossNodes, type BenchNode } from './server/two-nodes';

/**
 * `npm run bench -- server-two-nodes`: rings between people on two nodes sharing one Redis and one PostgreSQL
 * (every ring crosses), beside the same load on one node without Redis on the same PostgreSQL in the same run,
 * so what Redis adds per ring is the difference; and on one node with the embedded SQLite, the default, for
 * what PostgreSQL adds. Apart from `npm run bench -- server`, whose full run takes half an hour: these figures
 * stand on their own references. Sizes as that bench names them.
 */
const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CLIENTS = size('BENCH_RING_CLIENTS', 10_000);
const RINGS_PER_SECOND = size('BENCH_RINGS_PER_SECOND', 1_000);
const RING_SECONDS = size('BENCH_RING_SECONDS', 30);

/** This bench's own ports (18820-18829), so it never meets another bench's server. */
const NODE_PORTS = [
  { port: 18_821, metrics: 18_822 },
  { port: 18_824, metrics: 18_825 },
];
const REDIS_PORT = 18_823;

type Figures = Awaited<ReturnType<typeof ringsAcrossNodes>>;
const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Starts the nodes one after the other (the first migrates the database), runs, and stops them all. Without
 * `databaseUrl`, SQLite in a file of its own (two processes cannot share one: a write meeting another's fails).
 */
async function onNodes(count: number, { databaseUrl, redis }: { databaseUrl?: string; redis?: BenchRedis }): Promise<Figures & { loadAverage1m: number }> {
  const loadAverage1m = round(os.loadavg()[0]!, 2);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ringside-bench-nodes-'));
  const targets: Target[] = [];
  try {
    for (const [n, { port, metrics }] of NODE_PORTS.slice(0, count).entries()) {
      const database: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir };
      const nodeEnv = { ...BENCH_ENV, ...database, PORT: String(port), METRICS_PORT: String(metrics) };
      targets.push(await startTarget(`node ${n + 1} of ${count}`, SERVER, redis ? { ...nodeEnv, REDIS_URL: redis.url, NODE_ID: `bench-${n + 1}` } : nodeEnv));
    }
    const nodes: BenchNode[] = targets.map((target, n) => ({ target, wsUrl: `ws://127.0.0.1:${NODE_PORTS[n]!.port}`, metricsUrl: `http://127.0.0.1:${NODE_PORTS[n]!.metrics}/metrics` }));
    return { ...(await ringsAcrossNodes(nodes, CLIENTS, RINGS_PER_SECOND, RING_SECONDS, redis)), loadAverage1m };
  } catch (error) {
    const tails = targets.map((t) => `--- ${t.name}'s last output ---\n${t.tail()}`).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tails}`, { cause: error });
  } finally {
    for (const target of targets) await target.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchServerTwoNodes(): Promise<string> {
  spawnSync('node', ['scripts/build-server.mjs'], { stdio: 'inherit' });
  const sqlite = await onNodes(1, {});
  const postgres = await startPostgres();
  const redis = await startRedisServer(REDIS_PORT).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  let oneNode: Figures;
  let twoNodes: Figures;
  try {
    oneNode = await onNodes(1, { databaseUrl: await postgres.createDatabase() });
    twoNodes = await onNodes(2, { databaseUrl: await postgres.createDatabase(), redis });
  } finally {
    await Promise.all([redis.stop(), postgres.stop()]);
  }
  const figures = {
    sizes: { clients: CLIENTS, ringsPerSecond: RINGS_PER_SECOND, ringSeconds: RING_SECONDS },
    'one node, in process, SQLite': sqlite,
    'one node, in process, PostgreSQL': oneNode,
    'two nodes on Redis, PostgreSQL': twoNodes,
    costOfRedisPerRing: {
      redisRoundTrips: twoNodes.redis?.roundTripsPerRing,
      redisCommandsRun: twoNodes.redis?.commandsRunPerRing,
      addedDeliveryP50Ms: round(twoNodes.rings.p50Ms - oneNode.rings.p50Ms),
      addedDeliveryP99Ms: round(twoNodes.rings.p99Ms - oneNode.rings.p99Ms),
      addedNodeCpuMs: round(twoNodes.nodeCpuMsPerRing - oneNode.nodeCpuMsPerRing),
      redisCpuMs: twoNodes.redis?.cpuMsPerRing,
    },
    costOfPostgresPerRing: {
      addedDeliveryP50Ms: round(oneNode.rings.p50Ms - sqlite.rings.p50Ms),
      addedDeliveryP99Ms: round(oneNode.rings.p99Ms - sqlite.rings.p99Ms),
      addedNodeCpuMs: round(oneNode.nodeCpuMsPerRing - sqlite.nodeCpuMsPerRing),
    },
  };
  return writeReport('server-two-nodes', figures, [
    'Every run: compiled server as plain node (dist/server/main.mjs); Debian redis-server and PostgreSQL on loopback (PostgreSQL as the tests run it, fsync off); clients in separate load processes, 40 per loopback source address; each pair on different nodes, callers alternating.',
    'On two nodes every ring goes from the caller\'s node to the callee\'s through Redis (records, routing, rate-limit counters, pub/sub). A ring is its whole life: ring, ringing, decline, ended. Per ring over the ring window (node heartbeats included, a few a second): round trips as the nodes counted them (ringside_redis_command_seconds), commands Redis ran by INFO commandstats (those inside a Lua script one by one).',
    'Memory per idle client is each node\'s RSS slope from half the clients to all, read after a forced collection. Rate limits are set high for the bench (still counted, in Redis on two nodes), never off in the product.',
    `load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ]);
}
