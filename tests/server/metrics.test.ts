import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { befriend, Client, connectPeer, testServer, tryUpgrade } from './client';
import { startRedis } from './redis';

const servers: Array<Awaited<ReturnType<typeof testServer>>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function started(config: Parameters<typeof testServer>[0] = {}) {
  const server = await testServer({ metrics: { host: '127.0.0.1', port: 0 }, ...config });
  servers.push(server);
  return server;
}

/** Every sample of a metric, by its labels as written (`{outcome="answered"}`). */
async function samples(url: string, metric: string): Promise<Map<string, number>> {
  const text = await (await fetch(url)).text();
  const found = new Map<string, number>();
  for (const match of text.matchAll(new RegExp(`^${metric}(\\{[^}]*\\}) (\\S+)$`, 'gm'))) found.set(match[1]!, Number(match[2]));
  return found;
}

/** One sample's value from the text format; the series named in full, labels included. */
async function sample(url: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(url)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts sockets, signed-in devices and accounts, calls by phase, refusals and database round trips', async () => {
    const server = await started();
    const url = server.metricsUrl!;
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);

    const alice = await Client.signIn(server.wsUrl, 'alice');
    await befriend(alice, await Client.signIn(server.wsUrl, 'bob'));
    await Client.signIn(server.wsUrl, 'bob');
    await Client.open(server.wsUrl);
    expect(await sample(url, 'ringside_sockets{path="ws"}')).toBe(4);
    expect(await sample(url, 'ringside_signed_in_devices')).toBe(3);
    expect(await sample(url, 'ringside_signed_in_accounts')).toBe(2);
    alice.ring('bob');
    await alice.next('ringing');
    expect(await sample(url, 'ringside_calls{phase="ringing"}')).toBe(1);
    expect(await sample(url, 'ringside_calls{phase="live"}')).toBe(0);

    expect(await tryUpgrade(`${server.wsUrl}/nowhere`)).toEqual({ refused: 404 });
    expect(await sample(url, 'ringside_connections_refused_total{reason="unknown_path"}')).toBe(1);
    // Migrations and the session sweep have asked the embedded database already.
    expect(await sample(url, 'ringside_database_query_seconds_count{engine="sqlite",outcome="ok"}')).toBeGreaterThan(0);
    expect(await sample(url, 'ringside_draining')).toBe(0);
  });

  it('counts each ring once by its outcome, and how long the ring took to reach the callee', async () => {
    const server = await started();
    const url = server.metricsUrl!;
    const outcome = (name: string) => sample(url, `ringside_rings_total{outcome="${name}"}`);
    const alice = await Client.signIn(server.wsUrl, 'alice');
    // Two devices for Bob: a declined ring tells the other device too, and is still one declined ring.
    const bob = await Client.signIn(server.wsUrl, 'bob');
    await befriend(alice, bob);
    const tablet = await Client.signIn(server.wsUrl, 'bob');

    const declined = alice.ring('bob');
    await bob.next('ring');
    await tablet.next('ring');
    bob.send({ type: 'decline', callId: declined });
    await alice.next('ended');
    await tablet.next('ended');
    expect(await outcome('declined')).toBe(1);

    const cancelled = alice.ring('bob');
    await bob.next('ring');
    alice.send({ type: 'hangup', callId: cancelled });
    await bob.next('ended');
    expect(await outcome('cancelled')).toBe(1);

    alice.ring('nobody_here');
    expect((await alice.next('ended')).reason).toBe('unavailable');
    expect(await outcome('unavailable')).toBe(1);

    const answered = alice.ring('bob');
    await bob.next('ring');
    bob.send({ type: 'accept', callId: answered, media: 'video' });
    const peer = await bob.next('answered');
    await connectPeer(server.wsUrl, peer.peerId, peer.peerToken);
    await alice.next('accepted');
    expect(await outcome('answered')).toBe(1);
    alice.send({ type: 'hangup', callId: answered });
    await bob.next('ended');

    // Four rings, four outcomes, one each: the hang-up after the answer is no ring outcome.
    expect(Object.fromEntries(await samples(url, 'ringside_rings_total'))).toEqual({
      '{outcome="declined"}': 1,
      '{outcome="cancelled"}': 1,
      '{outcome="unavailable"}': 1,
      '{outcome="answered"}': 1,
    });
    // Three rings reached Bob's devices (the one to nobody never rang).
    expect(await sample(url, 'ringside_ring_delivery_seconds_count')).toBe(3);
  });

  it('counts sockets closed for what they sent, by reason', async () => {
    const server = await started();
    const client = await Client.signIn(server.wsUrl, 'mallory');
    client.socket.send(Buffer.from([1, 2, 3]));
    expect((await client.closed).code).toBe(1008);
    expect(await sample(server.metricsUrl!, 'ringside_messages_refused_total{path="ws",reason="binary_frame"}')).toBe(1);
  });

  it('times each Redis round trip by command on the node that made it, as a ring crosses from one node to another', async () => {
    const redis = await startRedis();
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-metrics-'));
    try {
      // One after the other: the first migrates the shared database.
      const a = await started({ redisUrl: redis.url, nodeId: 'node-a', dataDir });
      const b = await started({ redisUrl: redis.url, nodeId: 'node-b', dataDir });
      const alice = await Client.signIn(a.wsUrl, 'alice');
      const bob = await Client.signIn(b.wsUrl, 'bob');
      await befriend(alice, bob);
      const published = () => sample(a.metricsUrl!, 'ringside_redis_command_seconds_count{command="publish",outcome="ok"}');
      const scripts = () => sample(a.metricsUrl!, 'ringside_redis_command_seconds_count{command="evalsha",outcome="ok"}');
      const before = { published: (await published()) ?? 0, scripts: (await scripts()) ?? 0 };

      alice.ring('bob');
      await bob.next('ring');
      // The ring went to Bob's node over pub/sub, its record by a script: both counted on Alice's node.
      expect(await published()).toBeGreaterThan(before.published);
      expect(await scripts()).toBeGreaterThan(before.scripts);
      expect(await sample(a.metricsUrl!, 'ringside_redis_command_seconds_bucket{le="+Inf",command="publish",outcome="ok"}')).toBe(await published());
    } finally {
      // Before Redis goes: a node closing says goodbye to it.
      await Promise.all(servers.splice(0).map((s) => s.close()));
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is served on its own loopback listener, never on the public port', async () => {
    const server = await started();
    expect(new URL(server.metricsUrl!).hostname).toBe('127.0.0.1');
    expect(new URL(server.metricsUrl!).port).not.toBe(String(server.port));
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(new URL('/other', server.metricsUrl))).status).toBe(404);
  });

  it('is off unless a port is given', async () => {
    const server = await testServer();
    servers.push(server);
    expect(server.metricsUrl).toBeUndefined();
  });
});
