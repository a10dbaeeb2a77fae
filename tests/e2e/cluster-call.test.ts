import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/app';
import { silentLog } from '../../server/log';
import { startRedis, type TestRedis } from '../server/redis';
import { startBalancer } from './harness/balancer';
import { E2E_OUT_DIR, E2E_PORT } from './harness/build';
import { launchPerson, type Person } from './harness/chromium';
import { connectedCall } from './harness/connected-call';
import { readMediaStats } from './harness/media-stats';
import { makeContacts } from './harness/reach';
import { E2E_EXTENSION_DIR } from './harness/world';

/**
 * Alice's extension talks to node a, Bob's to node b, each through an entrance that routes `/n/<node>/` by
 * path as a load balancer does; one Redis and one database behind both. Bob's build is made here, pointed at
 * his entrance (the global setup's points at Alice's).
 */
const BOB_PORT = E2E_PORT + 1;
const BOB_BUILD = `${E2E_OUT_DIR}-node-b`;
let redis: TestRedis;
let dataDir: string;
const nodes: RunningServer[] = [];
let entrances: Array<{ close(): Promise<void> }> = [];
const people: Person[] = [];

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, RINGSIDE_SERVER_URL: `http://127.0.0.1:${BOB_PORT}`, RINGSIDE_OUT_DIR: BOB_BUILD },
  });
  redis = await startRedis();
  dataDir = mkdtempSync(path.join(tmpdir(), 'ringside-e2e-cluster-'));
  for (const node of ['node-a', 'node-b']) {
    nodes.push(await startServer(loadConfig({ PORT: '0', REDIS_URL: redis.url, NODE_ID: node, DATA_DIR: dataDir }), { log: silentLog }));
  }
  const ports = { 'node-a': nodes[0]!.port, 'node-b': nodes[1]!.port };
  entrances = [await startBalancer(E2E_PORT, ports, 'node-a'), await startBalancer(BOB_PORT, ports, 'node-b')];
  await makeContacts('alice', 'bob', nodes[0]!.url);
}, 300_000);
afterAll(async () => {
  await Promise.all(people.map((person) => person.close()));
  await Promise.all(entrances.map((entrance) => entrance.close()));
  await Promise.all(nodes.map((node) => node.close()));
  await redis?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rmSync(BOB_BUILD, { recursive: true, force: true });
});

/** Media flows: counters read twice from getStats must both be positive and growing. */
async function expectMediaFlowing(panel: Page) {
  const first = await readMediaStats(panel);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const second = await readMediaStats(panel);
  expect(second.audioPacketsReceived).toBeGreaterThan(first.audioPacketsReceived);
  expect(second.framesDecoded).toBeGreaterThan(first.framesDecoded);
  expect(second.remoteVideoWidth).toBeGreaterThan(0);
}

describe('a call between two nodes', () => {
  it('Alice on node a calls Bob on node b: both connect through node b, media flows both ways, the hang-up reaches Alice', async () => {
    const alice = await launchPerson('alice', E2E_EXTENSION_DIR);
    people.push(alice);
    const bob = await launchPerson('bob', path.join(BOB_BUILD, 'chrome-mv3'));
    people.push(bob);
    // Alice's entrance sends everything but /n/node-b/ to node a, where the call's ids are unknown: her peer
    // connects only if her call window uses the path the answer named.
    const { alicePanel, bobPanel } = await connectedCall(alice, bob, 'video');
    await Promise.all([expectMediaFlowing(alicePanel), expectMediaFlowing(bobPanel)]);

    await (await bobPanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await alicePanel.waitForSelector('[data-testid="ringside-call"][data-state="ended"]', { timeout: 15_000 });
    expect(await alicePanel.$eval('[data-testid="ringside-call"]', (el) => el.getAttribute('data-end-reason'))).toBe('remote-hangup');
  }, 120_000);
});
