import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childServer } from './child-server';
import { befriend, Client } from './client';

/**
 * deploy/nginx.conf, run by Debian's nginx (scripts/ensure-system.mjs installs it) in front of two real nodes
 * on loopback: only the nodes' addresses, the listening address and the pid file are replaced. The nodes share
 * nothing here (no Redis): what is proven is the balancer, WebSocket upgrades and per-node routing included.
 */
type Node = Awaited<ReturnType<typeof childServer>>;
let nodes: { a: Node; b: Node };
let nginx: ChildProcess;
let dir: string;
let base: string;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A node with its metrics listener; resolves once it has said where that listens. */
async function node(): Promise<Node & { metrics: string }> {
  const started = await childServer({ TRUSTED_PROXIES: '127.0.0.1', METRICS_PORT: '0' });
  for (;;) {
    const match = /Metrics on (http:\/\/\S+)/.exec(started.said());
    if (match) return { ...started, metrics: match[1]! };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function devicesOn(metrics: string): Promise<number> {
  const line = (await (await fetch(metrics)).text()).split('\n').find((l) => l.startsWith('ringside_signed_in_devices '));
  return Number(line!.split(' ')[1]);
}

let metricsOf: { a: string; b: string };
beforeAll(async () => {
  // One after the other: two servers starting at once on a busy machine can miss childServer's deadline.
  const a = await node();
  const b = await node();
  nodes = { a, b };
  metricsOf = { a: a.metrics, b: b.metrics };
  const port = await freePort();
  dir = mkdtempSync(path.join(tmpdir(), 'ringside-nginx-'));
  const conf = readFileSync('deploy/nginx.conf', 'utf8')
    .replaceAll('node-a:8787', new URL(a.url).host)
    .replaceAll('node-b:8787', new URL(b.url).host)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('pid /run/nginx.pid;', `pid ${dir}/nginx.pid;`);
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  nginx = spawn('nginx', ['-e', 'stderr', '-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}: ${stderr}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 60_000);

afterAll(async () => {
  nginx?.kill('SIGTERM');
  await Promise.all([nodes?.a.stop(), nodes?.b.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const wsBase = () => base.replace(/^http/, 'ws');

describe('deploy/nginx.conf in front of two nodes', () => {
  it('answers /healthz from a node', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('carries a /ws sign-in and its messages through the WebSocket upgrade', async () => {
    const alice = await Client.signIn(wsBase(), 'alice');
    alice.send({ type: 'ping' });
    expect(await alice.next('pong')).toEqual({ type: 'pong' });
    await alice.close();
  });

  it('sends /n/<node>/ to that node only, as the path after the prefix', async () => {
    const [beforeA, beforeB] = [await devicesOn(metricsOf.a), await devicesOn(metricsOf.b)];
    const onA = await Client.signIn(`${wsBase()}/n/node-a`, 'carol');
    expect([await devicesOn(metricsOf.a), await devicesOn(metricsOf.b)]).toEqual([beforeA + 1, beforeB]);
    const onB = await Client.signIn(`${wsBase()}/n/node-b`, 'dave');
    expect([await devicesOn(metricsOf.a), await devicesOn(metricsOf.b)]).toEqual([beforeA + 1, beforeB + 1]);
    expect((await fetch(`${base}/n/node-b/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/n/node-c/healthz`)).status).toBe(404);
    await Promise.all([onA.close(), onB.close()]);
  });

  it('sends new sign-ins to the other node once one drains, and the draining node answers 503', async () => {
    // A ring in progress on node A keeps it draining (it waits for calls) instead of exiting at once.
    const [alice, bob] = await Promise.all([Client.signIn(`${wsBase()}/n/node-a`, 'erin'), Client.signIn(`${wsBase()}/n/node-a`, 'frank')]);
    await befriend(alice, bob);
    alice.ring('frank');
    await bob.next('ring');
    nodes.a.signal('SIGTERM');
    while ((await fetch(`${base}/n/node-a/healthz`)).status !== 503) await new Promise((resolve) => setTimeout(resolve, 20));

    const before = await devicesOn(metricsOf.b);
    const clients = await Promise.all(Array.from({ length: 4 }, (_, i) => Client.signIn(wsBase(), `late${i}`)));
    expect(await devicesOn(metricsOf.b)).toBe(before + 4);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await Promise.all(clients.map((client) => client.close()));
  });
});
