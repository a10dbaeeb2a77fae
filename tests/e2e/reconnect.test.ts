import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { audible, readInboundMedia, waitForGrowth } from './harness/call-media';
import { candidatePairTraffic } from './harness/candidate-pair';
import { callState, waitForState } from './harness/call-window';
import { E2E_PORT } from './harness/build';
import { hostNetwork, processesInNamespaces, type HostNetwork } from './harness/host-network';
import { LINK_ADDRESSES, linkedNamespaces, type LinkedNamespaces } from './harness/netns';
import { serverAndTwoPeople } from './harness/two-people';

const people = serverAndTwoPeople();

/**
 * Alice and Bob each run in a network namespace of their own, joined by one veth pair: their call's only
 * path is that link, which the test cuts inside the namespaces (harness/netns.ts). The machine's own
 * interfaces are never touched, and all of it goes with the namespaces, even when a run is killed.
 */
let network: LinkedNamespaces | undefined;
let hostBefore: HostNetwork;
beforeAll(async () => {
  hostBefore = hostNetwork();
  network = await linkedNamespaces(E2E_PORT);
});
afterAll(async () => {
  await network?.close();
  expect(hostNetwork()).toEqual(hostBefore);
  expect(processesInNamespaces(network?.ids ?? [])).toEqual([]);
});

const energy = (m: { audioEnergy: number }) => m.audioEnergy;

async function callOverTheLink() {
  const call = await people.inCall('audio', { alice: { netns: network!.alice }, bob: { netns: network!.bob } });
  for (const panel of [call.alicePanel, call.bobPanel]) {
    const selected = (await candidatePairTraffic(panel)).filter((pair) => pair.selected);
    expect(selected.length).toBeGreaterThan(0);
    for (const pair of selected) expect(LINK_ADDRESSES).toEqual(expect.arrayContaining([pair.localAddress, pair.remoteAddress]));
  }
  return call;
}

/** Proof that the path is really cut: for two seconds, no candidate pair of either window receives a byte. */
async function expectNothingReceived(pages: Page[]) {
  const samples = () => Promise.all(pages.map(candidatePairTraffic));
  const before = await samples();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = await samples();
  const received = after.map((pairs, i) =>
    pairs.reduce((sum, pair) => sum + pair.bytesReceived - (before[i]!.find((p) => p.id === pair.id)?.bytesReceived ?? 0), 0),
  );
  expect(received).toEqual(pages.map(() => 0));
}

/** The ICE restart shows as a new ufrag in the local description once it has been negotiated. */
async function waitForUfragChange(page: Page, before: string, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while ((await readInboundMedia(page)).localUfrag === before) {
    if (Date.now() > deadline) throw new Error('ICE was never restarted');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The call timer as seconds: m:ss. */
async function timerSeconds(page: Page): Promise<number> {
  const text = await page.$eval('[data-testid="ringside-timer"]', (el) => el.textContent ?? '');
  const [m, s] = text.split(':').map(Number);
  return m! * 60 + s!;
}

describe('when the path drops mid-call', () => {
  it('says "Reconnecting…", restarts ICE, and media resumes with the timer still running', async () => {
    const { alicePanel, bobPanel } = await callOverTheLink();
    await waitForGrowth(bobPanel, energy, audible);
    const ufragBefore = (await readInboundMedia(alicePanel)).localUfrag;
    const since = await timerSeconds(bobPanel);
    network!.cut();
    try {
      await Promise.all([waitForState(alicePanel, 'reconnecting'), waitForState(bobPanel, 'reconnecting')]);
      expect((await callState(bobPanel)).text).toBe('Reconnecting…');
      expect(await bobPanel.$eval('[data-testid="ringside-quality"]', (el) => el.getAttribute('data-quality'))).toBe('reconnecting');
      await expectNothingReceived([alicePanel, bobPanel]);
    } finally {
      network!.restore();
    }
    await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
    await waitForGrowth(bobPanel, energy, audible);
    await waitForUfragChange(alicePanel, ufragBefore);
    expect(await timerSeconds(bobPanel)).toBeGreaterThan(since);
  });

  it('ends with "The connection was lost" on both sides after 20 s without media', async () => {
    const { alicePanel, bobPanel } = await callOverTheLink();
    network!.cut();
    try {
      await Promise.all([waitForState(alicePanel, 'reconnecting'), waitForState(bobPanel, 'reconnecting')]);
      const reconnectingAt = Date.now();
      await expectNothingReceived([alicePanel, bobPanel]);
      await Promise.all([waitForState(alicePanel, 'ended', 30_000), waitForState(bobPanel, 'ended', 30_000)]);
      expect(Date.now() - reconnectingAt).toBeGreaterThan(15_000);
    } finally {
      network!.restore();
    }
    for (const panel of [alicePanel, bobPanel]) {
      expect(await callState(panel)).toMatchObject({ reason: 'connection-lost', text: 'The connection was lost' });
    }
  });
});
