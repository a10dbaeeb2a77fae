import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import type { RunningServer } from '../../server/app';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { seriousViolations } from './harness/axe';
import { extensionPage, openPopup, type Person } from './harness/chromium';
import { clickCall, expectEnded } from './harness/call-window';
import { connectedCall } from './harness/connected-call';
import { waitUntilOnline } from './harness/presence';
import { launch, startE2EServer } from './harness/world';
import { openX } from './harness/x-site';

/** Short rings, so a ring nobody answers ends within the test. */
const RING_MS = 3_000;

let server: RunningServer;
let people: Person[] = [];

beforeAll(async () => {
  server = await startE2EServer({ RING_TIMEOUT_MS: String(RING_MS) });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(people.map((person) => person.close()));
  people = [];
});

async function worker(person: Person) {
  const target = await person.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(person.extensionId));
  return (await target.worker())!;
}

type Chrome = { chrome: typeof import('wxt/browser').browser };

async function badge(person: Person): Promise<string> {
  return (await worker(person)).evaluate(() => (globalThis as unknown as Chrome).chrome.action.getBadgeText({}));
}

async function notificationIds(person: Person): Promise<string[]> {
  return Object.keys(await (await worker(person)).evaluate(() => (globalThis as unknown as Chrome).chrome.notifications.getAll()));
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function popupAt360(person: Person): Promise<Page> {
  const popup = await openPopup(person);
  await popup.setViewport({ width: 360, height: 640 });
  return popup;
}

const recent = (handle: string, direction: 'in' | 'out', missed: boolean) =>
  `[data-testid="ringside-recents"] [data-testid="ringside-recent"][data-handle="${handle}"][data-direction="${direction}"][data-missed="${missed}"]`;

describe('the call log', () => {
  it('a ring nobody answers is a missed call for Bob (log, notification, badge) and an outgoing one for Alice; both call back from the popup', async () => {
    const [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
    people.push(alice, bob);
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);

    const { panel: alicePanel } = await clickCall(alice, aliceTab, 'bob', 'audio');
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="alice"]', { timeout: 15_000 });
    await expectEnded(alicePanel, 'no-answer', 'No answer');

    // Bob: one missed-call notification naming Alice, and a badge of 1.
    const missed = await waitFor(() => notificationIds(bob), (ids) => ids.length === 1 && ids[0]!.startsWith('missed:'));
    expect(missed).toEqual([expect.stringMatching(/^missed:audio:alice:/)]);
    expect(await badge(bob)).toBe('1');

    // Opening the popup shows the missed call and clears the badge.
    const bobPopup = await popupAt360(bob);
    await bobPopup.waitForSelector(recent('alice', 'in', true));
    expect(await waitFor(() => badge(bob), (text) => text === '')).toBe('');
    await mkdir('.output/screenshots', { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await bobPopup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      expect(await seriousViolations(bobPopup), scheme).toEqual([]);
      await bobPopup.screenshot({ path: `.output/screenshots/popup-recents-${scheme}.png`, fullPage: true });
    }
    expect(await bobPopup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Alice's popup shows her outgoing call, not missed.
    const alicePopup = await popupAt360(alice);
    await alicePopup.waitForSelector(recent('bob', 'out', false));
    expect(await alicePopup.$$(`[data-testid="ringside-recent"]`)).toHaveLength(1);

    // Call back from Bob's log rings Alice.
    await bobPopup.bringToFront();
    await bobPopup.click(`${recent('alice', 'in', true)} [data-testid="ringside-call-back"][data-media="audio"]`);
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    // In the side panel, opened within the click's gesture: no fallback popup window.
    const popupWindows = await (await worker(bob)).evaluate(() => (globalThis as unknown as Chrome).chrome.windows.getAll({ windowTypes: ['popup'] }));
    expect(popupWindows).toEqual([]);
    await bobPanel.waitForSelector('[data-testid="ringside-call"][data-peer="alice"]');
    await aliceTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="bob"]', { timeout: 15_000 });
    await expectEnded(bobPanel, 'no-answer', 'No answer');

    // The dialer, by keyboard alone: Tab to the call type, pick video, Tab to the handle, type @Bob, Enter.
    await alicePopup.bringToFront();
    const focused = () => alicePopup.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    for (let tabs = 0; tabs < 10 && (await focused()) !== 'ringside-dial-audio'; tabs++) await alicePopup.keyboard.press('Tab');
    await alicePopup.keyboard.press('ArrowRight');
    expect(await focused()).toBe('ringside-dial-video');
    await alicePopup.keyboard.press('Tab');
    expect(await focused()).toBe('ringside-dial');
    await alicePopup.keyboard.type('@Bob');
    await alicePopup.keyboard.press('Enter');
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="alice"]', { timeout: 15_000 });
    const rings = await (await worker(bob)).evaluate(() => (globalThis as unknown as Chrome).chrome.storage.session.get('activeRings'));
    expect(rings).toEqual({ activeRings: [expect.objectContaining({ from: 'alice', media: 'video' })] });
    await alicePanel.waitForSelector('[data-testid="ringside-call"][data-peer="bob"][data-state="outgoing"]');
    await expectEnded(alicePanel, 'no-answer', 'No answer');
    const aliceCalls = () => alicePopup.$$eval('[data-testid="ringside-recent"]', (els) => els.map((el) => `${el.getAttribute('data-direction')} ${el.getAttribute('data-missed')}`));
    // Newest first: her dial, Bob's call back she let ring out, her first call.
    expect(await waitFor(aliceCalls, (list) => list.length === 3)).toEqual(['out false', 'in true', 'out false']);
  });

  it('an answered call is logged once on each side, by its call window: not missed, with how long it lasted', async () => {
    const [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
    people.push(alice, bob);
    const { alicePanel, bobPanel } = await connectedCall(alice, bob, 'audio');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await alicePanel.click('[data-testid="ringside-hangup"]');
    await expectEnded(bobPanel, 'remote-hangup', '@alice hung up');

    const logOf = async (person: Person) => {
      const stored = await (await worker(person)).evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.get('callLog'));
      return (stored as { callLog?: { entries: { handle: string; direction: string; reason: string; durationMs: number }[] } }).callLog?.entries ?? [];
    };
    const aliceLog = await waitFor(() => logOf(alice), (entries) => entries.length > 0);
    const bobLog = await waitFor(() => logOf(bob), (entries) => entries.length > 0);
    expect(aliceLog).toEqual([expect.objectContaining({ handle: 'bob', direction: 'out', reason: 'hangup' })]);
    expect(bobLog).toEqual([expect.objectContaining({ handle: 'alice', direction: 'in', reason: 'remote-hangup' })]);
    expect(aliceLog[0]!.durationMs).toBeGreaterThan(1_000);
    expect(bobLog[0]!.durationMs).toBeGreaterThan(1_000);
    expect(await badge(bob)).toBe('');

    const bobPopup = await popupAt360(bob);
    await bobPopup.waitForSelector(recent('alice', 'in', false));
  });

  it('the options page holds the full log: search, remove one, clear all', async () => {
    const bob = await launch('bob');
    people.push(bob);
    const log = await (await worker(bob)).evaluate(async () => {
      const entry = (n: number, handle: string, reason: string) => ({
        callId: `6f1d0c1e-0a7b-4c3e-9d2a-00000000000${n}`,
        handle,
        direction: 'in',
        media: 'video',
        startedAt: Date.now() - n * 60_000,
        durationMs: reason === 'remote-hangup' ? 125_000 : 0,
        reason,
      });
      const entries = [entry(1, 'alice', 'no-answer'), entry(2, 'carol', 'remote-hangup'), entry(3, 'alice', 'declined')];
      await (globalThis as unknown as Chrome).chrome.storage.local.set({ callLog: { entries, unseenMissed: 1 } });
      return entries.length;
    });
    expect(log).toBe(3);

    const options = await bob.browser.newPage();
    await options.goto(`chrome-extension://${bob.extensionId}/options.html`);
    await options.waitForSelector('[data-testid="ringside-recent"]');
    expect(await options.$$('[data-testid="ringside-recent"]')).toHaveLength(3);
    expect(await waitFor(() => badge(bob), (text) => text === '')).toBe('');
    expect(await seriousViolations(options)).toEqual([]);

    await options.type('[data-testid="ringside-log-search"]', '@ali');
    const handles = () => options.$$eval('[data-testid="ringside-recent"]', (els) => els.map((el) => el.getAttribute('data-handle')));
    expect(await waitFor(handles, (list) => list.length === 2)).toEqual(['alice', 'alice']);

    await options.click('[data-testid="ringside-recent"][data-handle="alice"] [data-testid="ringside-recent-remove"]');
    expect(await waitFor(handles, (list) => list.length === 1)).toEqual(['alice']);

    await options.click('[data-testid="ringside-log-clear"]');
    await options.waitForFunction(() => document.querySelectorAll('[data-testid="ringside-recent"]').length === 0);
    const stored = await (await worker(bob)).evaluate(() => (globalThis as unknown as Chrome).chrome.storage.local.get('callLog'));
    expect(stored).toEqual({ callLog: { entries: [], unseenMissed: 0 } });
  });
});
