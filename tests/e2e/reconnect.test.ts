import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { audible, readInboundMedia, waitForGrowth } from './harness/call-media';
import { dropUdpTo, localCandidatePorts } from './harness/path-drop';
import { callState, waitForState } from './harness/call-window';
import { serverAndTwoPeople } from './harness/two-people';

const people = serverAndTwoPeople();

const energy = (m: { audioEnergy: number }) => m.audioEnergy;

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
    const { alicePanel, bobPanel } = await people.inCall('audio');
    await waitForGrowth(bobPanel, energy, audible);
    const ufragBefore = (await readInboundMedia(alicePanel)).localUfrag;
    const ports = (await Promise.all([localCandidatePorts(alicePanel), localCandidatePorts(bobPanel)])).flat();
    const since = await timerSeconds(bobPanel);
    const drop = dropUdpTo(ports);
    try {
      await Promise.all([waitForState(alicePanel, 'reconnecting'), waitForState(bobPanel, 'reconnecting')]);
      expect((await callState(bobPanel)).text).toBe('Reconnecting…');
      expect(await bobPanel.$eval('[data-testid="ringside-quality"]', (el) => el.getAttribute('data-quality'))).toBe('reconnecting');
    } finally {
      drop.restore();
    }
    await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
    await waitForGrowth(bobPanel, energy, audible);
    await waitForUfragChange(alicePanel, ufragBefore);
    expect(await timerSeconds(bobPanel)).toBeGreaterThan(since);
  });

  it('ends with "The connection was lost" on both sides after 20 s without media', async () => {
    const { alicePanel, bobPanel } = await people.inCall('audio');
    const ports = (await Promise.all([localCandidatePorts(alicePanel), localCandidatePorts(bobPanel)])).flat();
    const drop = dropUdpTo(ports);
    try {
      await Promise.all([waitForState(alicePanel, 'reconnecting'), waitForState(bobPanel, 'reconnecting')]);
      const reconnectingAt = Date.now();
      await Promise.all([waitForState(alicePanel, 'ended', 30_000), waitForState(bobPanel, 'ended', 30_000)]);
      expect(Date.now() - reconnectingAt).toBeGreaterThan(15_000);
    } finally {
      drop.restore();
    }
    for (const panel of [alicePanel, bobPanel]) {
      expect(await callState(panel)).toMatchObject({ reason: 'connection-lost', text: 'The connection was lost' });
    }
  });
});
