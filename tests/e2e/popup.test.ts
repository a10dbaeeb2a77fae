import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import type { RunningServer } from '../../server/app';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { seriousViolations } from './harness/axe';
import { extensionPage, openPopup, type Person } from './harness/chromium';
import { clickCall, expectEnded, waitForState } from './harness/call-window';
import { waitUntilOnline } from './harness/presence';
import { launch, startE2EServer } from './harness/world';
import { openX } from './harness/x-site';

let server: RunningServer;
let people: Person[] = [];

beforeAll(async () => {
  server = await startE2EServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(people.map((person) => person.close()));
  people = [];
});

type Chrome = { chrome: typeof import('wxt/browser').browser };

async function worker(person: Person) {
  const target = await person.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(person.extensionId));
  return (await target.worker())!;
}

async function badge(person: Person): Promise<string> {
  return (await worker(person)).evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));
}

/** The missed calls this device still counts (what its badge shows once no ring is live). */
async function unseenMissed(person: Person): Promise<number> {
  return (await worker(person)).evaluate(async () => {
    const stored = (await (globalThis as unknown as Chrome).chrome.storage.local.get('callLog')) as { callLog?: { unseenMissed: number } };
    return stored.callLog?.unseenMissed ?? 0;
  });
}

async function popupAt360(person: Person): Promise<Page> {
  const popup = await openPopup(person);
  await popup.setViewport({ width: 360, height: 600 });
  return popup;
}

/** Bob, on Alice's profile, rings her; Alice has x.com open. Returns Bob's call window once it rings. */
async function bobRingsAlice(media: 'audio' | 'video') {
  const [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
  people.push(alice, bob);
  await openX(alice, 'https://x.com/home', home('alice'));
  const bobTab = await openX(bob, 'https://x.com/alice', profileLoggedIn('bob', 'alice', 'Alice'));
  await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
  const { panel: bobPanel } = await clickCall(bob, bobTab, 'alice', media);
  await waitForState(bobPanel, 'outgoing');
  return { alice, bob, bobPanel };
}

const INCOMING = '[data-testid="ringside-incoming"][data-handle="bob"]';

describe('the popup, the product’s home', () => {
  it('on a fresh install, before anyone signs in, says how this server signs people in instead of offering Sign in with X', async () => {
    const carol = await launch('carol');
    people.push(carol);
    const popup = await popupAt360(carol);
    await popup.waitForSelector('[data-testid="ringside-self"]:not([data-handle])');
    await popup.waitForSelector('[data-testid="ringside-server-mode"]', { timeout: 15_000 });
    expect(await popup.$('[data-testid="ringside-sign-in"]')).toBeNull();
  });

  it('shows a live ring first, with the toast’s words and actions; accepting there connects the call', async () => {
    const { alice, bobPanel } = await bobRingsAlice('video');
    const popup = await popupAt360(alice);
    await popup.waitForSelector(INCOMING, { timeout: 15_000 });

    // First: before who you are, contacts and recent calls.
    const order = await popup.$$eval('main [data-testid]', (els) => els.map((el) => el.getAttribute('data-testid')));
    expect(order[0]).toBe('ringside-incoming');
    const ring = await popup.$eval(INCOMING, (el) => ({
      text: el.textContent ?? '',
      verified: el.getAttribute('data-verified'),
      buttons: [...el.querySelectorAll('button')].map((b) => b.getAttribute('data-testid')),
    }));
    expect(ring.text).toContain('@bob is calling you (video)');
    expect(ring.text).toContain('Unverified');
    expect(ring.text).toMatch(/Video call\d+ s left/);
    expect(ring.verified).toBe('false');
    expect(ring.buttons).toEqual(['ringside-accept-audio', 'ringside-accept-video', 'ringside-decline', 'ringside-block']);
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Light and dark, as the system says; each checked by axe and kept for the README.
    await mkdir('.output/screenshots', { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      expect(await seriousViolations(popup), scheme).toEqual([]);
      await popup.screenshot({ path: `.output/screenshots/popup-${scheme}.png`, fullPage: true });
    }
    const background = (scheme: 'light' | 'dark') =>
      popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]).then(() => popup.evaluate(() => getComputedStyle(document.body).backgroundColor));
    expect(await background('dark')).not.toBe(await background('light'));

    // By keyboard alone: Tab reaches Accept (audio) first, Tab again Accept (video), and Enter there answers.
    await popup.bringToFront();
    const focused = () => popup.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await popup.keyboard.press('Tab');
    expect(await focused()).toBe('ringside-accept-audio');
    await popup.keyboard.press('Tab');
    expect(await focused()).toBe('ringside-accept-video');
    await popup.keyboard.press('Enter');
    const alicePanel = await extensionPage(alice, 'sidepanel.html');
    await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
    // Taken: the ring goes from the popup.
    await popup.waitForSelector(INCOMING, { hidden: true, timeout: 5_000 });
  });

  it('declining from the popup ends Bob’s call “declined”, and it is not a missed call', async () => {
    const { alice, bobPanel } = await bobRingsAlice('audio');
    const popup = await popupAt360(alice);
    const ring = await popup.waitForSelector(INCOMING, { timeout: 15_000 });
    // An audio ring offers no video.
    expect(await ring!.$('[data-testid="ringside-accept-video"]')).toBeNull();
    await popup.click(`${INCOMING} [data-testid="ringside-decline"]`);
    await expectEnded(bobPanel, 'declined', '@alice declined');
    await popup.waitForSelector(INCOMING, { hidden: true, timeout: 5_000 });
    await popup.waitForSelector('[data-testid="ringside-recent"][data-handle="bob"][data-direction="in"][data-missed="false"]');
    expect(await badge(alice)).toBe('');
  });

  it('says who you are and how the server signs people in; development sign-in signs out and back in', async () => {
    const alice = await launch('alice');
    people.push(alice);
    await openX(alice, 'https://x.com/home', home('alice'));
    await waitUntilOnline(alice, 'alice');
    const popup = await popupAt360(alice);
    const self = await popup.waitForSelector('[data-testid="ringside-self"][data-handle="alice"][data-verified="false"][data-connected="true"]');
    expect(await self!.evaluate((el) => el.textContent)).toContain('@alice');
    // No Sign in with X on a server that has none: words instead.
    const mode = await popup.waitForSelector('[data-testid="ringside-server-mode"]');
    expect(await mode!.evaluate((el) => el.textContent)).toMatch(/development sign-in.*X_CLIENT_ID/);
    expect(await popup.$('[data-testid="ringside-sign-in"]')).toBeNull();

    await popup.click('[data-testid="ringside-sign-out"]');
    await popup.waitForSelector('[data-testid="ringside-self"]:not([data-handle])');
    // The x.com tab is still open and signed in to X: signing out holds all the same.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await popup.$('[data-testid="ringside-self"][data-handle]')).toBeNull();
    const again = await popup.waitForSelector('[data-testid="ringside-dev-sign-in"]');
    expect(await again!.evaluate((el) => el.textContent)).toBe('Sign in as @alice');
    await again!.click();
    await popup.waitForSelector('[data-testid="ringside-self"][data-handle="alice"][data-connected="true"]', { timeout: 15_000 });
  });

  it('missed calls seen on one of Alice’s devices are no longer counted on her other one', async () => {
    const [phone, laptop, bob] = await Promise.all([launch('alice-phone'), launch('alice-laptop'), launch('bob')]);
    people.push(phone, laptop, bob);
    await Promise.all([openX(phone, 'https://x.com/home', home('alice')), openX(laptop, 'https://x.com/home', home('alice'))]);
    const bobTab = await openX(bob, 'https://x.com/alice', profileLoggedIn('bob', 'alice', 'Alice'));
    await Promise.all([waitUntilOnline(phone, 'alice'), waitUntilOnline(laptop, 'alice'), waitUntilOnline(bob, 'bob')]);

    // Bob gives up while both of Alice's devices ring: a missed call on each.
    const { panel: bobPanel } = await clickCall(bob, bobTab, 'alice', 'audio');
    await waitForState(bobPanel, 'outgoing');
    for (const device of [phone, laptop]) await expect.poll(() => badge(device), { timeout: 15_000 }).toBe('1');
    await bobPanel.click('[data-testid="ringside-hangup"]');
    const missed = '[data-testid="ringside-recent"][data-handle="bob"][data-missed="true"]';
    for (const device of [phone, laptop]) await expect.poll(() => unseenMissed(device), { timeout: 10_000 }).toBe(1);

    // Alice looks on her phone: the laptop's badge clears too, and its log still holds the call, missed.
    const phonePopup = await popupAt360(phone);
    await phonePopup.waitForSelector(missed);
    await expect.poll(() => badge(phone), { timeout: 5_000 }).toBe('');
    await expect.poll(() => badge(laptop), { timeout: 5_000 }).toBe('');
    const laptopLog = await laptop.browser.newPage();
    await laptopLog.goto(`chrome-extension://${laptop.extensionId}/options.html`);
    await laptopLog.waitForSelector(missed);
  });
});
