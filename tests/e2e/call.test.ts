import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { extensionPage, type Person } from './harness/chromium';
import { readMediaStats } from './harness/media-stats';
import { openX } from './harness/x-site';
import { serverAndTwoPeople } from './harness/two-people';
import { waitUntilOnline } from './harness/presence';
import { home, profileLoggedIn } from '../fixtures/x/pages';

const people = serverAndTwoPeople();
let alice: Person;
let bob: Person;

/** Alice on Bob's profile, Bob on his home timeline: both signed in (development mode) and online. */
async function twoPeopleOnX() {
  ({ alice, bob } = await people.launch());
  const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);
  return { aliceTab, bobTab };
}

async function callState(page: Page) {
  return page.$eval('[data-testid="ringside-call"]', (el) => ({
    state: el.getAttribute('data-state'),
    reason: el.getAttribute('data-end-reason'),
    peer: el.getAttribute('data-peer'),
    text: el.querySelector('[role="status"]')?.textContent ?? '',
  }));
}

async function waitForState(page: Page, state: string, timeout = 15_000) {
  await page.waitForSelector(`[data-testid="ringside-call"][data-state="${state}"]`, { timeout });
}

async function ring(aliceTab: Page, bobTab: Page, media: 'audio' | 'video') {
  const button = await aliceTab.waitForSelector(`pierce/[data-testid="ringside-call-${media}"]`);
  const host = await aliceTab.$eval('ringside-call-buttons', (el) => ({
    handle: el.getAttribute('data-ringside-handle'),
    place: el.getAttribute('data-ringside-place'),
  }));
  expect(host).toEqual({ handle: 'bob', place: 'profile' });
  const clickedAt = Date.now();
  await button!.click();
  const alicePanel = await extensionPage(alice, 'sidepanel.html');
  const toast = await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { timeout: 15_000 });
  const ringShownMs = Date.now() - clickedAt;
  expect(await toast!.evaluate((el) => el.getAttribute('data-handle'))).toBe('alice');
  return { alicePanel, toast: toast!, ringShownMs };
}

/** Media flows: counters read twice from getStats must both be positive and growing. */
async function expectMediaFlowing(panel: Page, video: boolean) {
  const first = await readMediaStats(panel);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const second = await readMediaStats(panel);
  expect(second.audioPacketsReceived).toBeGreaterThan(first.audioPacketsReceived);
  if (video) {
    expect(second.framesDecoded).toBeGreaterThan(first.framesDecoded);
    expect(second.remoteVideoWidth).toBeGreaterThan(0);
  }
  return second;
}

describe('a call from an X profile', () => {
  it('video: Bob accepts from the toast, media flows both ways, Alice hangs up and Bob is told why', async () => {
    const { aliceTab, bobTab } = await twoPeopleOnX();
    const { alicePanel, ringShownMs } = await ring(aliceTab, bobTab, 'video');
    expect(await callState(alicePanel)).toMatchObject({ state: 'outgoing', peer: 'bob', text: expect.stringMatching(/^(Calling|Ringing) @bob…$/) });
    await alicePanel.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-local-video"]')?.videoWidth ?? 0) > 0,
    );
    expect(await alicePanel.$('[data-testid="ringside-hangup"]')).not.toBeNull();

    const notifications = await bob.browser.waitForTarget((t) => t.type() === 'service_worker');
    const bobWorker = (await notifications.worker())!;
    const shown = await bobWorker.evaluate(() => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.notifications.getAll());
    expect(Object.keys(shown)).toHaveLength(1);

    const acceptedAt = Date.now();
    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]'))!.click();
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await waitForState(bobPanel, 'connected');
    await waitForState(alicePanel, 'connected');
    const firstFrameMs = Date.now() - acceptedAt;
    await bobPanel.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0) > 0,
    );
    console.info(`[figures] video call: click to ring shown ${ringShownMs} ms; accept to connected ${firstFrameMs} ms`);

    expect(await bobTab.$('pierce/[data-testid="ringside-incoming"]')).toBeNull();
    const aliceStats = await expectMediaFlowing(alicePanel, true);
    const bobStats = await expectMediaFlowing(bobPanel, true);
    expect(aliceStats.videoTracksSent).toBe(1);
    expect(bobStats.videoTracksSent).toBe(1);
    expect(await bobPanel.$eval('[data-testid="ringside-timer"]', (el) => el.textContent)).toMatch(/^0:0\d$/);
    await mkdir('.output/screenshots', { recursive: true });
    await bobPanel.setViewport({ width: 400, height: 640 });
    await bobPanel.screenshot({ path: '.output/screenshots/call-window.png' });

    await (await alicePanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await waitForState(bobPanel, 'ended');
    await waitForState(alicePanel, 'ended');
    expect(await callState(bobPanel)).toMatchObject({ reason: 'remote-hangup', text: '@alice hung up' });
    expect(await callState(alicePanel)).toMatchObject({ reason: 'hangup', peer: 'bob' });
  });

  it('decline: Alice reads that Bob declined', async () => {
    const { aliceTab, bobTab } = await twoPeopleOnX();
    const { alicePanel } = await ring(aliceTab, bobTab, 'video');
    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-decline"]'))!.click();
    await waitForState(alicePanel, 'ended');
    expect(await callState(alicePanel)).toMatchObject({ reason: 'declined', text: '@bob declined' });
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
  });

  it('audio only: sound flows both ways and no camera is sent', async () => {
    const { aliceTab, bobTab } = await twoPeopleOnX();
    const { alicePanel } = await ring(aliceTab, bobTab, 'audio');
    expect(await bobTab.$('pierce/[data-testid="ringside-accept-video"]')).toBeNull();
    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-audio"]'))!.click();
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await waitForState(alicePanel, 'connected');
    await waitForState(bobPanel, 'connected');
    const aliceStats = await expectMediaFlowing(alicePanel, false);
    const bobStats = await expectMediaFlowing(bobPanel, false);
    expect(aliceStats.videoTracksSent + bobStats.videoTracksSent).toBe(0);
    expect(aliceStats.framesDecoded + bobStats.framesDecoded).toBe(0);
    await (await bobPanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await waitForState(alicePanel, 'ended');
    expect(await callState(alicePanel)).toMatchObject({ reason: 'remote-hangup', text: '@bob hung up' });
  });
});
