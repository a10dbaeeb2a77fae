import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer';
import { FLAGS, extensionPage, openPopup } from '../tests/e2e/harness/chromium';
import { startCoturn } from '../tests/e2e/harness/coturn';
import { waitUntilOnline } from '../tests/e2e/harness/presence';
import { openX } from '../tests/e2e/harness/x-site';
import { launch, startE2EServer } from '../tests/e2e/harness/world';
import { home } from '../tests/fixtures/x/pages';
import { writeReport } from './report';
import { summarize } from './stats';

const JOINS = Number(process.env.BENCH_CALLS ?? 6);

/** Wall-clock time at which the page's remote video presents its first frame (see call-setup.ts). */
function firstRemoteFrame(page: Page): Promise<number> {
  return page.evaluate<[], () => Promise<number>>(`new Promise((resolve) => {
    const wait = () => {
      const video = document.querySelector('[data-testid="ringside-remote-video"]');
      if (!video) return setTimeout(wait, 5);
      video.requestVideoFrameCallback(() => resolve(performance.timeOrigin + performance.now()));
    };
    wait();
  })`);
}

/**
 * A guest's join through a call link, as the guest sees it: the tap on "Join with video" to the first
 * frame of the owner's camera on the guest page. The owner accepts as soon as the toast shows (automated),
 * so the figure is the product's own latency: ring, accept, relay allocation on both sides, media.
 */
export async function benchCallLink() {
  const turn = await startCoturn();
  const server = await startE2EServer({ TURN_SECRET: turn.secret, TURN_URLS: turn.url });
  const alice = await launch('bench-link-alice');
  const profile = await mkdtemp(path.join(tmpdir(), 'ringside-bench-guest-'));
  const guest = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, pipe: true, userDataDir: profile, args: FLAGS });
  const joinToFrame: number[] = [];
  const acceptToFrame: number[] = [];
  try {
    const aliceTab = await openX(alice, 'https://x.com/home', home('alice'));
    await waitUntilOnline(alice, 'alice');
    const popup = await openPopup(alice);
    const phone = await guest.newPage();
    await phone.setViewport({ width: 375, height: 667, isMobile: true, hasTouch: true });
    for (let i = 0; i < JOINS; i++) {
      // The page puppeteer drives is brought to the front: a background tab may not answer it.
      await popup.bringToFront();
      const before = await popup.$eval('[data-testid="ringside-link-url"]', (el) => (el as HTMLInputElement).value).catch(() => '');
      await (await popup.waitForSelector('[data-testid="ringside-link-create"]:not([disabled])'))!.click();
      await popup.waitForFunction((was) => document.querySelector<HTMLInputElement>('[data-testid="ringside-link-url"]')?.value !== was, {}, before);
      const url = await popup.$eval('[data-testid="ringside-link-url"]', (el) => (el as HTMLInputElement).value);

      await aliceTab.bringToFront();
      await phone.goto(url);
      await phone.type('[data-testid="ringside-guest-name"]', 'Ann');
      const join = await phone.waitForSelector('[data-testid="ringside-guest-join"][data-media="video"]');
      const joinedAt = Date.now();
      await join!.tap();
      const frame = firstRemoteFrame(phone);
      const accept = await aliceTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]', { timeout: 15_000 });
      const acceptedAt = Date.now();
      await accept!.click();
      const at = await frame;
      joinToFrame.push(Math.round(at - joinedAt));
      acceptToFrame.push(Math.round(at - acceptedAt));

      await (await phone.waitForSelector('[data-testid="ringside-hangup"]'))!.tap();
      const panel = await extensionPage(alice, 'sidepanel.html');
      await panel.waitForSelector('[data-testid="ringside-call"][data-state="ended"]');
      await aliceTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
    }
  } finally {
    await alice.close();
    await guest.close();
    await rm(profile, { recursive: true, force: true });
    await server.close();
    await turn.stop();
  }
  return writeReport(
    'call-link',
    {
      firstJoin: { joinToFirstRemoteFrameMs: joinToFrame[0], acceptToFirstRemoteFrameMs: acceptToFrame[0] },
      laterJoins: { joinToFirstRemoteFrameMs: summarize(joinToFrame.slice(1)), acceptToFirstRemoteFrameMs: summarize(acceptToFrame.slice(1)) },
    },
    [
      'Owner: headless Chromium with the built extension, development sign-in; guest: headless Chromium without it, 375x667 with touch; fake camera and microphone; server and coturn on 127.0.0.1.',
      'Each join is a fresh link made in the popup, opened by the guest page; media relayed through coturn on both sides (link calls always relay).',
      'Join: the tap on "Join with video". Accept: the owner\'s click on the toast, made as soon as it shows. Frame: the first frame presented by the guest page\'s remote <video> (requestVideoFrameCallback).',
      'The first join opens the owner\'s side panel (cold); later joins reuse it.',
    ],
  );
}
