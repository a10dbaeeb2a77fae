import type { Page } from 'puppeteer';
import { extensionPage } from '../tests/e2e/harness/chromium';
import { waitUntilOnline } from '../tests/e2e/harness/presence';
import { openX } from '../tests/e2e/harness/x-site';
import { launch, startE2EServer } from '../tests/e2e/harness/world';
import { home, profileLoggedIn } from '../tests/fixtures/x/pages';
import { writeReport } from './report';
import { summarize } from './stats';

const CALLS = Number(process.env.BENCH_CALLS ?? 8);
const round = (ms: number) => Math.round(ms);

/** Wall-clock time (ms since epoch) at which the call window's remote video presents its first frame. */
async function firstRemoteFrame(panel: Page): Promise<number> {
  await panel.waitForSelector('[data-testid="ringside-remote-video"]');
  // A string, not a function: tsx's keepNames would wrap a function in a helper the page does not have.
  return panel.evaluate<[], () => Promise<number>>(`new Promise((resolve) => {
    const video = document.querySelector('[data-testid="ringside-remote-video"]');
    video.requestVideoFrameCallback(() => resolve(performance.timeOrigin + performance.now()));
  })`);
}

/**
 * Call setup through the whole product, as a person sees it: click to ring shown at the callee, and
 * accept to the first decoded remote frame on each side. Same two browsers, one call after another.
 */
export async function benchCallSetup() {
  const server = await startE2EServer();
  const [alice, bob] = await Promise.all([launch('bench-alice'), launch('bench-bob')]);
  const ringShown: number[] = [];
  const calleeFirstFrame: number[] = [];
  const callerFirstFrame: number[] = [];
  try {
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    for (let i = 0; i < CALLS; i++) {
      const button = await aliceTab.waitForSelector('pierce/[data-testid="ringside-call-video"]');
      const toastShown = bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { timeout: 15_000 });
      const clickedAt = Date.now();
      await button!.click();
      await toastShown;
      ringShown.push(Date.now() - clickedAt);
      const alicePanel = await extensionPage(alice, 'sidepanel.html');
      const callerFrame = firstRemoteFrame(alicePanel);
      callerFrame.catch(() => {});

      const accept = await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]');
      const acceptedAt = Date.now();
      await accept!.click();
      const bobPanel = await extensionPage(bob, 'sidepanel.html');
      const calleeFrame = await firstRemoteFrame(bobPanel);
      calleeFirstFrame.push(calleeFrame - acceptedAt);
      callerFirstFrame.push((await callerFrame) - acceptedAt);

      await (await alicePanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
      await bobPanel.waitForSelector('[data-testid="ringside-call"][data-state="ended"]');
      await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
    }
  } finally {
    await Promise.all([alice.close(), bob.close()]);
    await server.close();
  }
  return writeReport(
    'call-setup',
    {
      firstCall: {
        clickToRingShownMs: ringShown[0],
        acceptToFirstRemoteFrameCalleeMs: round(calleeFirstFrame[0]!),
        acceptToFirstRemoteFrameCallerMs: round(callerFirstFrame[0]!),
      },
      laterCalls: {
        clickToRingShownMs: summarize(ringShown.slice(1)),
        acceptToFirstRemoteFrameCalleeMs: summarize(calleeFirstFrame.slice(1).map(round)),
        acceptToFirstRemoteFrameCallerMs: summarize(callerFirstFrame.slice(1).map(round)),
      },
    },
    [
      'Two headless Chromium 156 with the built extension, fake camera and microphone, server on 127.0.0.1.',
      'Times are wall clock from the puppeteer click to: the toast in the callee tab; the first frame presented by the remote <video> (requestVideoFrameCallback) in each call window.',
      'The first call opens both side panels (cold: page load, React, PeerJS); later calls reuse the open panels.',
    ],
  );
}
