import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../stats';
import { loadFor, pairsOf, range, share } from './phases';
import { mergeCounts, metric, type Target } from './processes';
import type { BenchRedis, CommandStats } from './redis-server';

/** A server process of the run, with where its clients and the bench reach it. */
export interface BenchNode {
  target: Target;
  wsUrl: string;
  metricsUrl: string;
}

type Connected = { ok: number; failures: Record<string, number> };
type Rings = { sent: number; skipped: number; delivered: number; stillRinging: number; ended: Record<string, number>; latencies: number[] };

/** In flight per load process, shared between the nodes. */
const CONNECT_WINDOW = 100;
const SETTLE_MS = 3_000;
/** Redis answering the bench itself, not the nodes. */
const BENCH_COMMANDS = new Set(['info', 'ping']);
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The node client `index` signs in on. The two of a pair (2k, 2k+1) are always on different nodes when there
 * are two, and the caller's node alternates from pair to pair, so both nodes ring and are rung alike.
 */
export const nodeOf = (index: number, nodes: number) => (index + Math.floor(index / 2)) % nodes;

/** What changed in a window: every node's CPU and Redis round trips as it timed them, and Redis's own side. */
async function snapshot(nodes: BenchNode[], redis?: BenchRedis) {
  const pages = await Promise.all(nodes.map(async (n) => (await fetch(n.metricsUrl)).text()));
  return {
    nodeCpu: nodes.map((n) => n.target.cpuSeconds()),
    roundTrips: pages.map((page) => ({ count: metric(page, 'ringside_redis_command_seconds_count'), seconds: metric(page, 'ringside_redis_command_seconds_sum') })),
    redis: redis && { cpu: redis.cpuSeconds(), commands: await redis.commandStats() },
  };
}

function commandsPerRing(before: CommandStats, after: CommandStats, rings: number) {
  const delta = Object.entries(after)
    .filter(([name]) => !BENCH_COMMANDS.has(name))
    .map(([name, { calls, usec }]) => ({ name, calls: calls - (before[name]?.calls ?? 0), usec: usec - (before[name]?.usec ?? 0) }))
    .filter((c) => c.calls > 0)
    .sort((a, b) => b.calls - a.calls);
  const total = delta.reduce((n, c) => n + c.calls, 0);
  return {
    commandsRunPerRing: round(total / rings, 2),
    byCommand: Object.fromEntries(delta.map((c) => [c.name, round(c.calls / rings, 2)])),
    redisBusyUsPerRing: round(delta.reduce((n, c) => n + c.usec, 0) / rings, 1),
  };
}

/**
 * `clients` idle signed-in clients spread over `nodes` (in two steps, each node's memory after each), made
 * contacts in pairs, then rings between the pairs at `perSecond` for `seconds`: on two nodes every ring
 * crosses from one to the other through Redis. The same procedure on one node is the reference.
 */
export async function ringsAcrossNodes(nodes: BenchNode[], clients: number, perSecond: number, seconds: number, redis?: BenchRedis) {
  const load = loadFor(clients);
  const workers = load.children.length;
  try {
    await load.all(() => ({ cmd: 'open' }));
    const held = nodes.map(() => 0);
    const steps: Array<{ held: number[]; rssMiB: number[] }> = [];
    const failures: Array<Record<string, number>> = [];
    let from = 0;
    // An even half, so no pair is split between the steps.
    for (const to of [2 * Math.floor(clients / 4), clients]) {
      const connected = await Promise.all(
        nodes.map((node, n) =>
          load.all<Connected>((w) => ({
            cmd: 'connect',
            kind: 'ringside',
            url: node.wsUrl,
            indices: share(range(from, to), workers, w).filter((i) => nodeOf(i, nodes.length) === n),
            concurrency: CONNECT_WINDOW / nodes.length,
          })),
        ),
      );
      connected.forEach((results, n) => (held[n]! += results.reduce((sum, r) => sum + r.ok, 0)));
      failures.push(...connected.flat().map((r) => r.failures));
      await sleep(SETTLE_MS);
      const rssMiB = [];
      for (const node of nodes) rssMiB.push(round(await node.target.settledRssMiB()));
      steps.push({ held: [...held], rssMiB });
      from = to;
    }
    const pairs = (w: number) => pairsOf(share(range(0, clients), workers, w));
    const befriended = await load.all<Connected>((w) => ({ cmd: 'befriend', pairs: pairs(w) }));
    await sleep(SETTLE_MS);

    const before = await snapshot(nodes, redis);
    const rings = await load.all<Rings>((w) => ({ cmd: 'rings', pairs: pairs(w), perSecond: perSecond / workers, seconds }));
    const after = await snapshot(nodes, redis);

    const latencies = rings.flatMap((r) => r.latencies);
    const sent = rings.reduce((n, r) => n + r.sent, 0);
    const delivered = rings.reduce((n, r) => n + r.delivered, 0);
    const nodeCpuSeconds = after.nodeCpu.reduce((n, cpu, i) => n + cpu - before.nodeCpu[i]!, 0);
    const [half, all] = steps as [(typeof steps)[0], (typeof steps)[0]];
    return {
      nodes: nodes.length,
      connected: held,
      connectFailures: mergeCounts([...failures, ...befriended.map((r) => r.failures)]),
      contactsMade: befriended.reduce((n, r) => n + r.ok, 0),
      memory: steps,
      rssPerIdleClientKiBPerNode: nodes.map((_, n) => round(((all.rssMiB[n]! - half.rssMiB[n]!) * 1024) / Math.max(1, all.held[n]! - half.held[n]!), 2)),
      rings: {
        sent,
        achievedPerSecond: round(sent / seconds),
        delivered,
        lost: sent - delivered,
        skippedCallerBusy: rings.reduce((n, r) => n + r.skipped, 0),
        stillRinging: rings.reduce((n, r) => n + r.stillRinging, 0),
        ended: mergeCounts(rings.map((r) => r.ended)),
        p50Ms: round(percentile(latencies, 50), 3),
        p99Ms: round(percentile(latencies, 99), 3),
        maxMs: round(Math.max(...latencies), 3),
      },
      nodeCpuPercent: after.nodeCpu.map((cpu, i) => round(((cpu - before.nodeCpu[i]!) / seconds) * 100)),
      nodeCpuMsPerRing: round((nodeCpuSeconds * 1000) / Math.max(1, sent), 3),
      ...(redis &&
        before.redis &&
        after.redis && {
          redis: {
            // As the nodes timed them (ringside_redis_command_seconds): a script is one, sent to reply, queueing included.
            roundTripsPerRing: round(after.roundTrips.reduce((n, t, i) => n + t.count - before.roundTrips[i]!.count, 0) / Math.max(1, sent), 2),
            roundTripMeanMsSeenByNodes: after.roundTrips.map((t, i) => round(((t.seconds - before.roundTrips[i]!.seconds) * 1000) / Math.max(1, t.count - before.roundTrips[i]!.count), 3)),
            // As Redis ran them (INFO commandstats): the commands inside a script count one by one.
            ...commandsPerRing(before.redis.commands, after.redis.commands, Math.max(1, sent)),
            cpuPercent: round(((after.redis.cpu - before.redis.cpu) / seconds) * 100),
            cpuMsPerRing: round(((after.redis.cpu - before.redis.cpu) * 1000) / Math.max(1, sent), 3),
            rssMiB: round(redis.rssMiB()),
            usedMemoryMiB: round(await redis.usedMemoryMiB()),
          },
        }),
    };
  } finally {
    await load.stop();
  }
}
