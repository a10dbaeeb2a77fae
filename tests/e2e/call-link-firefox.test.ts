import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { home } from '../fixtures/x/pages';
import { newLink, openLink } from './harness/call-link';
import { selectedCandidatePairs } from './harness/candidate-pair';
import { waitForState } from './harness/call-window';
import { extensionPage, openPopup, type Person } from './harness/chromium';
import { startCoturn, type TestTurn } from './harness/coturn';
import { launchFirefox, type FirefoxPerson } from './harness/firefox';
import { readMediaStats } from './harness/media-stats';
import { logInToX, signInWithX } from './harness/sign-in';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';

let standIn: XStandIn;
let turn: TestTurn;
let server: RunningServer;
let alice: Person | undefined;
let guest: FirefoxPerson | undefined;

beforeAll(async () => {
  [standIn, turn] = await Promise.all([startXStandIn(), startCoturn()]);
  server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env, TURN_SECRET: turn.secret, TURN_URLS: turn.url });
});
afterAll(async () => {
  await guest?.close();
  await alice?.close();
  await server.close();
  await Promise.all([standIn.close(), turn.stop()]);
});

describe('a call link opened in Firefox', () => {
  it('a guest in Firefox ESR, with no extension, joins Alice’s Chromium; video and sound both ways over relay', { timeout: 180_000 }, async () => {
    standIn.setUser({ id: '7101', username: 'alice', name: 'Alice' });
    alice = await launch('alice');
    await logInToX(alice, standIn, '7101');
    await (await signInWithX(alice, 'alice')).close();
    const aliceTab = await openX(alice, 'https://x.com/home', home('alice'));
    const link = await newLink(await openPopup(alice));

    guest = await launchFirefox('guest');
    const page = await guest.browser.newPage();
    await openLink(page, link);
    expect(await page.$eval('h1', (el) => el.textContent)).toBe('@alice invites you to a call');
    await page.type('[data-testid="ringside-guest-name"]', 'Fern');
    await aliceTab.bringToFront();
    await (await page.waitForSelector('[data-testid="ringside-guest-join"][data-media="video"]'))!.click();

    const toast = await aliceTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-guest="true"]', { timeout: 20_000 });
    expect(await toast!.evaluate((el) => el.textContent)).toMatch(/Fern, guest via your link, is calling you \(video\)/);
    await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]'))!.click();
    const panel = await extensionPage(alice, 'sidepanel.html');
    await Promise.all([waitForState(page, 'connected', 30_000), waitForState(panel, 'connected', 30_000)]);

    // Into Chromium: getStats counters grow, on a relayed pair at both ends (Chromium's remote candidate is Firefox's).
    const before = await readMediaStats(panel);
    await new Promise((done) => setTimeout(done, 1500));
    const after = await readMediaStats(panel);
    expect(after.audioPacketsReceived).toBeGreaterThan(before.audioPacketsReceived);
    expect(after.framesDecoded).toBeGreaterThan(before.framesDecoded);
    expect(await selectedCandidatePairs(panel)).toEqual([{ local: 'relay', remote: 'relay' }]);
    // Into Firefox (queryObjects is Chromium-only): Alice's video has a picture, and the page's own quality
    // reading (packets arriving, little loss) says good.
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0) > 0, { timeout: 15_000 });
    await page.waitForSelector('[data-testid="ringside-quality"][data-quality="good"]', { timeout: 15_000 });

    // Hang up in Firefox before closing anything (DESIGN §6).
    await (await page.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await waitForState(panel, 'ended');
    expect(await panel.$eval('[data-testid="ringside-call"] [role="status"]', (el) => el.textContent)).toBe('Fern hung up');
    await waitForState(page, 'ended');
  });
});
