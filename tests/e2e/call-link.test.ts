import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { SESSION_COOKIE, startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { home } from '../fixtures/x/pages';
import { seriousViolations } from './harness/axe';
import { growth } from './harness/call-media';
import { newLink, openLink } from './harness/call-link';
import { selectedCandidatePairs } from './harness/candidate-pair';
import { waitForState } from './harness/call-window';
import { extensionPage, FLAGS, openPopup, type Person } from './harness/chromium';
import { startCoturn, type TestTurn } from './harness/coturn';
import { logInToX, signInWithX } from './harness/sign-in';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';

/** Long enough for the story below on one link, short enough to watch another expire at the end. */
const LINK_TTL_MS = 90_000;
const PHONE = { width: 375, height: 667, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let standIn: XStandIn;
let turn: TestTurn;
let server: RunningServer;
let alice: Person | undefined;
let guest: Browser | undefined;
let guestProfile = '';

beforeAll(async () => {
  [standIn, turn] = await Promise.all([startXStandIn(), startCoturn()]);
  server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env, TURN_SECRET: turn.secret, TURN_URLS: turn.url, CALL_LINK_TTL_MS: String(LINK_TTL_MS) });
});
afterAll(async () => {
  await alice?.close();
  await guest?.close().catch(() => {});
  if (guestProfile) await rm(guestProfile, { recursive: true, force: true });
  await server.close();
  await Promise.all([standIn.close(), turn.stop()]);
});

/** A Chromium without the extension: anyone's browser, here a phone's screen with touch. */
async function launchGuestBrowser(): Promise<Browser> {
  guestProfile = await mkdtemp(path.join(tmpdir(), 'ringside-guest-'));
  return puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium',
    headless: true,
    pipe: true,
    protocolTimeout: 30_000,
    userDataDir: guestProfile,
    args: [...FLAGS, '--lang=en-US'],
  });
}

const guestState = (page: Page, state: string, timeout = 20_000) => waitForState(page, state, timeout);
const statusText = (page: Page) => page.$eval('[data-testid="ringside-call"] [role="status"]', (el) => el.textContent ?? '');
const messageText = (page: Page) => page.$eval('[data-testid="ringside-guest-message"]', (el) => el.textContent ?? '');

/** Types `name`, unless the guest signed in with X (then X's name is used and there is nothing to type). */
async function join(page: Page, name: string, media: 'audio' | 'video'): Promise<number> {
  await page.waitForSelector('[data-testid="ringside-guest-name"]');
  if (await page.$('[data-testid="ringside-guest-name"]:not([hidden])')) await page.type('[data-testid="ringside-guest-name"]', name);
  const button = await page.waitForSelector(`[data-testid="ringside-guest-join"][data-media="${media}"]`);
  const at = Date.now();
  await button!.tap();
  return at;
}

async function axeAt(page: Page, width: number, scheme: 'light' | 'dark') {
  await page.setViewport({ ...PHONE, width, height: width < 600 ? 640 : 768, isMobile: width < 600, hasTouch: width < 600 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  return { width, scheme, violations: await seriousViolations(page) };
}

describe('call links', () => {
  it('a guest on a phone joins from a link, talks to Alice over relay, and later guests are refused in words', { timeout: 240_000 }, async () => {
    standIn.setUser({ id: '7101', username: 'alice', name: 'Alice' });
    alice = await launch('alice');
    await logInToX(alice, standIn, '7101');
    await (await signInWithX(alice, 'alice')).close();
    const aliceTab = await openX(alice, 'https://x.com/home', home('alice'));
    // A page the test drives is brought to the front first: a background tab may not answer it at all.
    const popup = await openPopup(alice);

    const expiring = await newLink(popup);
    const expiresAt = Date.now() + LINK_TTL_MS;
    const revoked = await newLink(popup);
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="ringside-links"] [data-link-id]').length === 2);
    await (await popup.waitForSelector('[data-testid="ringside-links"] [data-link-id]:last-child button:last-child'))!.click();
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="ringside-links"] [data-link-id]').length === 1);
    const link = await newLink(popup);
    expect(link).toMatch(new RegExp(`^${server.url}/c/[A-Za-z0-9_-]{32}$`));

    guest = await launchGuestBrowser();
    const phone = await guest.newPage();
    await phone.setViewport(PHONE);
    await openLink(phone, revoked);
    expect(await messageText(phone)).toBe('This link was cancelled by the person who made it');

    await openLink(phone, link);
    expect(await phone.$eval('h1', (el) => el.textContent)).toBe('@alice invites you to a call');
    await phone.waitForFunction(() => (document.querySelector('[data-testid="ringside-local-video"]') as HTMLVideoElement | null)?.readyState === 4);
    const audits = [await axeAt(phone, 320, 'light'), await axeAt(phone, 320, 'dark'), await axeAt(phone, 1024, 'light'), await axeAt(phone, 1024, 'dark')];
    expect(audits.filter((a) => a.violations.length > 0)).toEqual([]);
    await phone.setViewport(PHONE);
    await phone.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await phone.screenshot({ path: 'docs/guest-page-phone.png' });

    await aliceTab.bringToFront();
    await join(phone, 'Ann', 'video');
    const toast = await aliceTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-guest="true"]', { timeout: 15_000 });
    expect(await toast!.evaluate((el) => el.textContent)).toMatch(/Ann, guest via your link, is calling you \(video\).*Unverified/);
    await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]'))!.click();
    const panel = await extensionPage(alice, 'sidepanel.html');
    await Promise.all([guestState(phone, 'connected', 30_000), waitForState(panel, 'connected', 30_000)]);
    // Alice's window names the guest as the toast did, never by the placeholder handle.
    expect(await statusText(panel)).toBe('In a call with Ann');

    // Video both ways, relayed on both sides: neither learns the other's address.
    expect(await growth(panel, (m) => m.framesDecoded)).toBeGreaterThan(0);
    expect(await growth(phone, (m) => m.framesDecoded)).toBeGreaterThan(0);
    expect(await selectedCandidatePairs(panel)).toEqual([{ local: 'relay', remote: 'relay' }]);
    expect(await selectedCandidatePairs(phone)).toEqual([{ local: 'relay', remote: 'relay' }]);
    expect(await phone.$('[data-testid="ringside-verify-code"]')).not.toBeNull();

    await (await phone.waitForSelector('[data-testid="ringside-hangup"]'))!.tap();
    await waitForState(panel, 'ended');
    expect(await panel.$eval('[data-testid="ringside-call"]', (el) => el.getAttribute('data-end-reason'))).toBe('remote-hangup');
    expect(await statusText(panel)).toBe('Ann hung up');
    expect(await panel.$eval('[data-testid="ringside-peer-guest"]', (el) => el.textContent)).toBe('Ann, guest via your link');
    // Her call log keeps the call, under the guest's name, marked as a guest's, with nothing to call back.
    await popup.bringToFront();
    const logged = await popup.waitForSelector('[data-testid="ringside-recent"][data-guest="true"]', { timeout: 10_000 });
    expect(await logged!.evaluate((el) => [el.querySelector('.call-who')?.textContent, el.getAttribute('data-direction'), el.querySelectorAll('[data-testid="ringside-call-back"]').length])).toEqual([
      'Ann, guest via your link',
      'in',
      0,
    ]);
    await guestState(phone, 'ended');

    // A second guest on the used link.
    await openLink(phone, link);
    expect(await messageText(phone)).toBe('This link has already been used');

    // Bea signs in with X on the link's page (her browser is logged in to X): Alice's toast shows her verified.
    const second = await newLink(popup);
    standIn.setUser({ id: '8001', username: 'bea_x', name: 'Bea' });
    await phone.setCookie({ name: SESSION_COOKIE, value: standIn.logIn('8001'), url: standIn.origin });
    await openLink(phone, second);
    await (await phone.waitForSelector('[data-testid="ringside-guest-x-sign-in"]'))!.tap();
    await phone.waitForSelector('[data-testid="ringside-guest-x-self"][data-handle="bea_x"]', { timeout: 15_000 });
    expect(phone.url()).toBe(second);
    await aliceTab.bringToFront();
    await join(phone, 'Bea', 'audio');
    const verified = await aliceTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-guest="true"][data-verified="true"]', { timeout: 15_000 });
    const said = await verified!.evaluate((el) => el.textContent);
    expect(said).toMatch(/Bea \(@bea_x, verified with X\), guest via your link, is calling you/);
    expect(said).not.toMatch(/Unverified/);
    // Alice declines: the guest reads it, and may try the link again.
    await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-decline"]', { timeout: 15_000 }))!.click();
    await guestState(phone, 'ended');
    expect(await statusText(phone)).toBe('@alice declined');

    // Alice's browser is gone: the guest hears she is away, and until when the link works.
    await alice.close();
    alice = undefined;
    await openLink(phone, second);
    await join(phone, 'Bea', 'audio');
    await guestState(phone, 'ended');
    expect(await phone.$eval('.after p', (el) => el.textContent)).toMatch(/^@alice isn’t available right now; this link works until \d\d:\d\d/);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 500)));
    await openLink(phone, expiring);
    expect(await messageText(phone)).toBe('This link has expired');
  });
});
