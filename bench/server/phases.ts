import { setTimeout as sleep } from 'node:timers/promises';
import type { Kind } from './load-clients';
import { LoadProcesses, mergeCounts, metric, type Target } from './processes';

/** Sockets one load process holds at most: well under the machine's 20,000 open files a process. */
const SOCKETS_PER_PROCESS = 8_000;
const CONNECT_WINDOW = 100;
const SETTLE_MS = 3_000;
const HANGUP_WINDOW_MS = 5_000;

type Connected = { ok: number; failures: Record<string, number>; ms: number };
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** Client `index` lives in this process; the two of a pair (2k, 2k+1) always share one, and so one clock. */
export const processOf = (index: number, processes: number) => Math.floor(index / 2) % processes;
export const share = (indices: number[], processes: number, worker: number) => indices.filter((i) => processOf(i, processes) === worker);
export const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

export function loadFor(sockets: number): LoadProcesses {
  return new LoadProcesses(Math.max(1, Math.ceil(sockets / SOCKETS_PER_PROCESS)));
}

/**
 * Idle clients in three steps (half, three quarters, all), the target's memory after each. The memory per
 * client is the slope from the first step to the last, so the process's fixed cost stays out of it. As many
 * load processes as for the same clients without the ones past the cap, so admission is compared fairly.
 */
export async function holdIdle(target: Target, kind: Kind, url: string, clients: number, idleSeconds: number, { sessions, overCap = 0, load = loadFor(clients) }: { sessions?: string[]; overCap?: number; load?: LoadProcesses } = {}) {
  try {
    // Load processes take a second to start: admission is timed from when they are ready.
    await load.all(() => ({ cmd: 'open' }));
    const baseMiB = await target.settledRssMiB();
    const steps = [Math.floor(clients / 2), Math.floor((clients * 3) / 4), clients];
    const points: Array<{ attempted: number; held: number; rssMiB: number; heapMiB: number }> = [];
    const failures: Array<Record<string, number>> = [];
    let admitMs = 0;
    let admitCpu = 0;
    let loadCpu = 0;
    let held = 0;
    let from = 0;
    for (const to of steps) {
      const begun = performance.now();
      const cpu = target.cpuSeconds();
      const cpuOfLoad = load.cpuSeconds();
      const results = await load.all<Connected>((w) => {
        const indices = share(range(from, to), load.children.length, w);
        return { cmd: 'connect', kind, url, indices, sessions: sessions && indices.map((i) => sessions[i]!), concurrency: CONNECT_WINDOW };
      });
      admitMs += performance.now() - begun;
      admitCpu += target.cpuSeconds() - cpu;
      loadCpu += load.cpuSeconds() - cpuOfLoad;
      held += results.reduce((n, r) => n + r.ok, 0);
      failures.push(...results.map((r) => r.failures));
      await sleep(SETTLE_MS);
      points.push({ attempted: to, held, rssMiB: round(await target.settledRssMiB()), heapMiB: target.settledHeapMiB() });
      from = to;
    }
    await sleep(idleSeconds * 1000);
    const open = (await load.all<{ open: number }>(() => ({ cmd: 'open' }))).reduce((n, r) => n + r.open, 0);
    // Past the process's descriptors: the server should turn the rest away at once and keep everyone it holds.
    const over = overCap
      ? await load.all<Connected>((w) => ({ cmd: 'connect', kind, url, indices: share(range(clients, clients + overCap), load.children.length, w), concurrency: CONNECT_WINDOW }))
      : [];
    const first = points[0]!;
    const last = points.at(-1)!;
    return {
      held,
      stillOpenAfterIdle: { seconds: idleSeconds, open, rssMiB: round(await target.settledRssMiB()) },
      admitSeconds: round(admitMs / 1000, 2),
      // Wall time on shared cores measures the neighbours too; the server's own CPU per client does not.
      admitCpuMsPerClient: round((admitCpu * 1000) / Math.max(1, held), 3),
      // The load processes share the 2 cores with the server: their CPU is part of the wall time.
      admitLoadCpuMsPerClient: round((loadCpu * 1000) / Math.max(1, held), 3),
      baseRssMiB: round(baseMiB),
      steps: points,
      rssPerClientKiB: round(((last.rssMiB - first.rssMiB) * 1024) / Math.max(1, last.held - first.held), 2),
      // What the clients keep alive: RSS also holds the high-water mark of each admission burst's garbage.
      heapPerClientKiB: round(((last.heapMiB - first.heapMiB) * 1024) / Math.max(1, last.held - first.held), 2),
      refused: mergeCounts(failures),
      ...(overCap && {
        pastTheCap: {
          attempted: clients + overCap,
          held: held + over.reduce((n, r) => n + r.ok, 0),
          refused: mergeCounts(over.map((r) => r.failures)),
          stillOpen: (await load.all<{ open: number }>(() => ({ cmd: 'open' }))).reduce((n, r) => n + r.open, 0),
        },
      }),
    };
  } finally {
    await load.stop();
  }
}

export const pairsOf = (indices: number[]) => range(0, Math.floor(indices.length / 2)).map((k) => [indices[2 * k]!, indices[2 * k + 1]!] as [number, number]);

/** `clients` signed in, made contacts in pairs, then rings between the pairs at `perSecond` for `seconds`. */
export async function ringLatency(target: Target, wsUrl: string, clients: number, perSecond: number, seconds: number) {
  const load = loadFor(clients);
  try {
    const connected = await load.all<Connected>((w) => ({ cmd: 'connect', kind: 'ringside', url: wsUrl, indices: share(range(0, clients), load.children.length, w), concurrency: CONNECT_WINDOW }));
    const pairs = (w: number) => pairsOf(share(range(0, clients), load.children.length, w));
    const befriended = await load.all<{ ok: number; failures: Record<string, number> }>((w) => ({ cmd: 'befriend', pairs: pairs(w) }));
    const cpuBefore = target.cpuSeconds();
    const rings = await load.all<{ sent: number; skipped: number; delivered: number; stillRinging: number; ended: Record<string, number>; latencies: number[] }>((w) => ({
      cmd: 'rings',
      pairs: pairs(w),
      perSecond: perSecond / load.children.length,
      seconds,
    }));
    return {
      connected: connected.reduce((n, r) => n + r.ok, 0),
      contactsMade: befriended.reduce((n, r) => n + r.ok, 0),
      connectFailures: mergeCounts([...connected, ...befriended].map((r) => r.failures)),
      serverCpuPercent: round(((target.cpuSeconds() - cpuBefore) / seconds) * 100),
      latencies: rings.flatMap((r) => r.latencies),
      sent: rings.reduce((n, r) => n + r.sent, 0),
      achievedPerSecond: round(rings.reduce((n, r) => n + r.sent, 0) / seconds),
      skippedCallerBusy: rings.reduce((n, r) => n + r.skipped, 0),
      delivered: rings.reduce((n, r) => n + r.delivered, 0),
      stillRinging: rings.reduce((n, r) => n + r.stillRinging, 0),
      ended: mergeCounts(rings.map((r) => r.ended)),
    };
  } finally {
    await load.stop();
  }
}

/**
 * `calls` live calls (two signed-in devices and two PeerJS sockets each, heartbeating as PeerJS does), what
 * they cost beside the same devices without calls (memory after a forced collection, CPU while idle, CPU to
 * set one up), then every caller hangs up in the same turn. The stall is bench/server/loop-probe.mjs's,
 * measured in the server over the hang-up and over a quiet window of the same length just before.
 */
export async function liveCalls(target: Target, wsUrl: string, peerUrl: string, metricsUrl: string, calls: number, holdSeconds: number) {
  const clients = calls * 2;
  const load = loadFor(clients * 2);
  const scrape = async () => (await fetch(metricsUrl)).text();
  /** The server's CPU over `seconds` of doing nothing but holding what it holds, as a share of one core. */
  const idleCpuPercent = async (seconds: number) => {
    const from = target.cpuSeconds();
    await sleep(seconds * 1000);
    return round(((target.cpuSeconds() - from) / seconds) * 100);
  };
  /** The longest stall and the server's CPU over a window of HANGUP_WINDOW_MS in which `act` happens. */
  const window = async <T>(act: () => Promise<T>) => {
    const cpu = target.cpuSeconds();
    const begun = performance.now();
    target.loopProbe.start();
    const result = await act();
    await sleep(Math.max(0, HANGUP_WINDOW_MS - (performance.now() - begun)));
    const stall = await target.loopProbe.stop();
    return { result, longestStallMs: stall, serverCpuMs: round((target.cpuSeconds() - cpu) * 1000), windowMs: round(performance.now() - begun) };
  };
  try {
    const connected = await load.all<Connected>((w) => ({ cmd: 'connect', kind: 'ringside', url: wsUrl, indices: share(range(0, clients), load.children.length, w), concurrency: CONNECT_WINDOW }));
    const pairs = (w: number) => pairsOf(share(range(0, clients), load.children.length, w));
    await load.all((w) => ({ cmd: 'befriend', pairs: pairs(w) }));
    await sleep(SETTLE_MS);
    const devicesOnly = { rssMiB: await target.settledRssMiB(), heapMiB: target.settledHeapMiB(), cpuPercent: await idleCpuPercent(holdSeconds) };
    const setupCpu = target.cpuSeconds();
    const begun = performance.now();
    const made = await load.all<{ ok: number; failures: Record<string, number> }>((w) => ({ cmd: 'calls', pairs: pairs(w), peerUrl, concurrency: 50 }));
    const setupSeconds = (performance.now() - begun) / 1000;
    const setupCpuSeconds = target.cpuSeconds() - setupCpu;
    await sleep(SETTLE_MS);
    const live = made.reduce((n, r) => n + r.ok, 0);
    const during = await scrape();
    const holding = { cpuPercent: await idleCpuPercent(holdSeconds), rssMiB: await target.settledRssMiB(), heapMiB: target.settledHeapMiB() };
    // The machine is shared: the same window with nothing happening shows what the neighbours add.
    const quiet = await window(async () => undefined);
    const hangup = await window(() => load.all<{ calls: number; ended: number; peers: number; peersClosed: number; ms: number }>(() => ({ cmd: 'hangup' })));
    const after = await scrape();
    const perCall = (total: number) => total / Math.max(1, live);
    return {
      devicesSignedIn: connected.reduce((n, r) => n + r.ok, 0),
      attempted: calls,
      live,
      failures: mergeCounts(made.map((r) => r.failures)),
      serverSaw: {
        liveCalls: metric(during, 'ringside_calls{phase="live"}'),
        peerSockets: metric(during, 'ringside_sockets{path="peerjs"}'),
        wsSockets: metric(during, 'ringside_sockets{path="ws"}'),
        callsEndedServerFull: metric(after, 'ringside_server_full_total'),
      },
      setupSeconds: round(setupSeconds, 2),
      setupCpuMsPerCall: round(perCall(setupCpuSeconds * 1000), 3),
      setupServerCpuPercent: round((setupCpuSeconds / setupSeconds) * 100),
      devicesOnly: { rssMiB: round(devicesOnly.rssMiB), heapMiB: devicesOnly.heapMiB, idleCpuPercent: devicesOnly.cpuPercent },
      holdingCalls: { rssMiB: round(holding.rssMiB), heapMiB: holding.heapMiB, idleCpuPercent: holding.cpuPercent, seconds: holdSeconds },
      perLiveCall: {
        rssKiB: round(perCall((holding.rssMiB - devicesOnly.rssMiB) * 1024), 2),
        heapKiB: round(perCall((holding.heapMiB - devicesOnly.heapMiB) * 1024), 2),
        idleCpuPercentPer1000: round(perCall((holding.cpuPercent - devicesOnly.cpuPercent) * 1000), 2),
      },
      hangUpAll: {
        calls: hangup.result.reduce((n, r) => n + r.calls, 0),
        calleesTold: hangup.result.reduce((n, r) => n + r.ended, 0),
        peerSocketsClosed: `${hangup.result.reduce((n, r) => n + r.peersClosed, 0)} of ${hangup.result.reduce((n, r) => n + r.peers, 0)}`,
        allDoneMs: round(Math.max(...hangup.result.map((r) => r.ms))),
        longestStallMs: hangup.longestStallMs,
        serverCpuMs: hangup.serverCpuMs,
        windowMs: hangup.windowMs,
        sameWindowQuiet: { longestStallMs: quiet.longestStallMs, serverCpuMs: quiet.serverCpuMs },
        liveCallsAfter: metric(after, 'ringside_calls{phase="live"}'),
        peerSocketsAfter: metric(after, 'ringside_sockets{path="peerjs"}'),
      },
    };
  } finally {
    await load.stop();
  }
}
