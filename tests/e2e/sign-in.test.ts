import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { extensionPage, openPopup, type Person } from './harness/chromium';
import { logInToX, signInWithX } from './harness/sign-in';
import { launch, startE2EServer } from './harness/world';
import { mkdir } from 'node:fs/promises';
import { seriousViolations } from './harness/axe';
import { openX } from './harness/x-site';
import { addContactInPopup } from './harness/reach';
import { home, profileLoggedIn } from '../fixtures/x/pages';

let standIn: XStandIn;
let server: RunningServer;
let alice: Person | undefined;

beforeAll(async () => {
  standIn = await startXStandIn();
  server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env });
});
afterAll(async () => {
  await server.close();
  await standIn.close();
});
afterEach(async () => {
  await alice?.close();
});

describe('Sign in with X', () => {
  it('signs in through X’s authorize page, shows the verified handle, and signs out', async () => {
    standIn.setUser({ id: '4242', username: 'Alice', name: 'Alice A.' });
    alice = await launch('alice');
    await logInToX(alice, standIn, '4242');
    const before = standIn.calls.usersMe;

    const popup = await signInWithX(alice, 'alice');
    expect(standIn.calls.authorize).toBeGreaterThan(0);
    expect(standIn.calls.usersMe - before).toBe(1);
    expect(await popup.$eval('[data-testid="ringside-self"]', (el) => el.textContent)).toContain('Verified with X');
    // As X shows her: the name from Sign in with X beside the handle, and her picture (offline: her initial).
    expect(await popup.$eval('[data-testid="ringside-self-name"]', (el) => el.textContent)).toBe('Alice A.');
    expect(await popup.$('[data-testid="ringside-self"] .avatar')).not.toBeNull();
    // This server offers Sign in with X: no words about development sign-in.
    expect(await popup.$('[data-testid="ringside-server-mode"]')).toBeNull();

    await (await popup.waitForSelector('[data-testid="ringside-sign-out"]'))!.click();
    await popup.waitForSelector('[data-testid="ringside-sign-in"]');
    expect(await popup.$eval('[data-testid="ringside-self"]', (el) => el.getAttribute('data-verified'))).not.toBe('true');
  });

  it('tells the person in words when they are not logged in to X and close its page', async () => {
    alice = await launch('alice');
    const popup = await openPopup(alice);
    await (await popup.waitForSelector('[data-testid="ringside-sign-in"]'))!.click();
    // The stand-in shows its log-in page; the person closes the window without logging in.
    const xPage = await alice.browser.waitForTarget((t) => t.url().startsWith(`${standIn.origin}/i/oauth2/authorize`));
    await (await xPage.asPage()).close();
    const error = await popup.waitForSelector('[data-testid="ringside-sign-in-error"]', { timeout: 15_000 });
    expect(await error!.evaluate((el) => el.textContent)).toBe('Sign-in was cancelled before X answered.');
  });
});

describe('sign out of every device', () => {
  let laptop: Person | undefined;
  afterEach(async () => {
    await laptop?.close();
  });

  it('closes the other device’s session within 5 s', async () => {
    standIn.setUser({ id: '5151', username: 'carol', name: 'Carol' });
    [alice, laptop] = await Promise.all([launch('carol-phone'), launch('carol-laptop')]);
    await Promise.all([logInToX(alice, standIn, '5151'), logInToX(laptop, standIn, '5151')]);
    const phonePopup = await signInWithX(alice, 'carol');
    const laptopPopup = await signInWithX(laptop, 'carol');

    await (await phonePopup.waitForSelector('[data-testid="ringside-sign-out-everywhere"]'))!.click();
    await laptopPopup.waitForSelector('[data-testid="ringside-sign-in"]', { timeout: 5000 });
    expect(await laptopPopup.$eval('[data-testid="ringside-self"]', (el) => el.getAttribute('data-handle'))).toBeNull();
  });
});

describe('a verified caller on x.com', () => {
  let bob: Person | undefined;
  afterEach(async () => {
    await bob?.close();
  });

  it('rings with the display name X gave at sign-in (its picture too, which offline shows as the initial), not marked unverified, in X’s lights-out theme', async () => {
    standIn.setUser({ id: '6161', username: 'Alice', name: 'Alice Liddell' });
    standIn.setUser({ id: '6262', username: 'bob', name: 'Bob' });
    [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
    await Promise.all([logInToX(alice, standIn, '6161'), logInToX(bob, standIn, '6262')]);
    const popups = await Promise.all([signInWithX(alice, 'alice'), signInWithX(bob, 'bob')]);
    // Each other's contacts, so the ring goes through (signed in with X, nobody can speak for them).
    for (const [popup, other] of [[popups[0], 'bob'], [popups[1], 'alice']] as const) {
      await addContactInPopup(popup, other);
    }
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    await bobTab.evaluate(() => (document.body.style.backgroundColor = 'rgb(0, 0, 0)'));
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await (await aliceTab.waitForSelector('ringside-call-buttons[data-ringside-handle="bob"] >>> [data-testid="ringside-call-video"]'))!.click();

    const toast = await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="alice"]', { timeout: 15_000 });
    expect(await toast!.evaluate((el) => (el as HTMLElement).dataset.verified)).toBe('true');
    expect(await toast!.evaluate((el) => (el as HTMLElement).dataset.theme)).toBe('dark');
    expect(await toast!.evaluate((el) => el.querySelector('[data-testid="ringside-incoming-name"]')?.textContent)).toBe('Alice Liddell');
    expect(await toast!.evaluate((el) => el.querySelector('.unverified'))).toBeNull();
    expect(await toast!.evaluate((el) => el.querySelector('.meta')?.textContent)).toMatch(/^Video call\d+ s left$/);
    expect(await seriousViolations(bobTab, 'ringside-incoming-call')).toEqual([]);
    await bobTab.setViewport({ width: 800, height: 600 });
    const box = await toast!.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    await mkdir('.output/screenshots', { recursive: true });
    await bobTab.screenshot({ path: '.output/screenshots/toast-x-dark.png', clip: { x: box.x - 24, y: box.y - 24, width: box.width + 48, height: box.height + 48 } });

    // Bob's popup shows the same ring first, by name; Alice gives up, and his log keeps her name beside @alice.
    const bobPopup = popups[1];
    await bobPopup.bringToFront();
    const ring = await bobPopup.waitForSelector('[data-testid="ringside-incoming"][data-handle="alice"][data-verified="true"]');
    expect(await ring!.evaluate((el) => el.querySelector('[data-testid="ringside-incoming-name"]')?.textContent)).toBe('Alice Liddell');
    const alicePanel = await extensionPage(alice, 'sidepanel.html');
    await alicePanel.click('[data-testid="ringside-hangup"]');
    await bobPopup.waitForSelector('[data-testid="ringside-incoming"]', { hidden: true, timeout: 10_000 });
    const missed = await bobPopup.waitForSelector('[data-testid="ringside-recent"][data-handle="alice"][data-missed="true"]', { timeout: 10_000 });
    expect(await missed!.evaluate((el) => el.querySelector('.call-who')?.textContent)).toBe('Alice Liddell @alice');
  });
});
