import type { Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  backgroundStartedAt,
  firefoxRingtoneSounding,
  launchFirefoxPerson,
  openFirefoxExtensionPage,
  terminateBackground,
  type FirefoxPerson,
} from './harness/firefox';
import { callState, clickCall, expectEnded, waitForState } from './harness/call-window';
import { readMediaStats } from './harness/media-stats';
import { waitUntilOnline } from './harness/presence';
import { extensionPage, type Person } from './harness/chromium';
import { openX } from './harness/x-site';
import { makeContacts } from './harness/reach';
import { E2E_FIREFOX_EXTENSION_DIR, launch, startE2EServer } from './harness/world';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { savedPage } from '../fixtures/x/saved-pages';
import type { RunningServer } from '../../server/app';
import { Client } from '../server/client';

/**
 * The Firefox build (`wxt build -b firefox`) as a person in Firefox ESR runs it, with Bob in Chromium: one
 * browser each for the file (each test opens its own tabs and leaves no call behind), and one page of the
 * extension in a tab, from which the test looks into the background page (its ringtone, when it started).
 */
let server: RunningServer;
let alice: FirefoxPerson;
let bob: Person;
let aliceExtension: Page;
let watcher: Client;
beforeAll(async () => {
  server = await startE2EServer();
  [alice, bob] = await Promise.all([launchFirefoxPerson('alice', E2E_FIREFOX_EXTENSION_DIR), launch('bob')]);
  aliceExtension = await openFirefoxExtensionPage(alice, 'options.html');
  // Only people Alice allows to call her see her presence.
  await makeContacts('alice', 'watcher', server.url);
  watcher = await Client.signIn(server.url.replace(/^http/, 'ws'), 'watcher');
  watcher.send({ type: 'presence.watch', handles: ['alice'] });
});
afterAll(async () => {
  watcher?.socket.close();
  await Promise.all([alice?.close(), bob?.close()]);
  await server?.close();
});

/** The next presence the watcher hears for Alice that is `state`. */
function aliceBecomes(state: 'online' | 'offline', timeout: number) {
  return watcher.until('presence.changed', (m) => m.states.some((s) => s.handle === 'alice' && s.state === state), timeout);
}

async function waitFor(condition: () => Promise<boolean>, timeout: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - start;
}

/** Each Ringside host on the page, in document order, once at least `count` are there. */
async function placements(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('ringside-call-buttons').length >= n,
    { timeout: 10_000 },
    count,
  );
  return page.evaluate(() =>
    [...document.querySelectorAll('ringside-call-buttons')].map((host) => {
      const buttons = host.shadowRoot?.querySelectorAll('[data-testid^="ringside-call-"]').length ?? 0;
      return `${host.getAttribute('data-ringside-place')} ${host.getAttribute('data-ringside-handle')}${buttons > 0 ? '' : ' (empty)'}`;
    }),
  );
}

/** The call window: over BiDi puppeteer names every extension page about:blank, so each page is asked where it is. */
async function firefoxCallWindow(person: FirefoxPerson, timeout = 10_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const page of await person.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.endsWith('/sidepanel.html')) return page;
    }
    if (Date.now() > deadline) throw new Error('no call window opened in Firefox');
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Media from Firefox reaches Chromium: its getStats counters grow (queryObjects, which reads them, is Chromium-only). */
async function mediaArrivesIn(panel: Page) {
  const before = await readMediaStats(panel);
  await waitFor(
    async () => {
      const now = await readMediaStats(panel);
      return now.audioPacketsReceived > before.audioPacketsReceived && now.framesDecoded > before.framesDecoded;
    },
    10_000,
    'audio and video from Firefox arriving in Chromium',
  );
}

/** Into Firefox: the remote video has decoded a frame, and the call window's own reading (packets arriving, little loss) says good. */
async function mediaArrivesInFirefox(panel: Page) {
  await panel.waitForFunction(() => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0) > 0);
  await panel.waitForSelector('[data-testid="ringside-quality"][data-quality="good"]');
}

it('puts the call buttons on a saved profile page of x.com', async () => {
  // Tweet buttons are built as tweets come near the viewport: a tall one shows every tweet of the page.
  const page = await openX(alice, 'https://x.com/Kikobeats', savedPage('metascraper-x_profile.html'), (tab) => tab.setViewport({ width: 1280, height: 8000 }));
  expect(await placements(page, 4)).toEqual(['profile kikobeats', 'tweet kikobeats', 'tweet kikobeats', 'tweet kikobeats']);
  await page.close();
});

let aliceHome: Page;
let bobHome: Page;
it('signs in for development as the person logged in to x.com, and shows them online to others', async () => {
  const online = aliceBecomes('online', 15_000);
  aliceHome = await openX(alice, 'https://x.com/home', home('alice'));
  expect((await online).states.find((s) => s.handle === 'alice')?.state).toBe('online');
  bobHome = await openX(bob, 'https://x.com/home', home('bob'));
  await waitUntilOnline(bob, 'bob');
});

it('rings the person in Firefox with toast and ringtone when someone calls from Chromium, and both stop when the caller hangs up', async () => {
  const bobTab = await openX(bob, 'https://x.com/alice', profileLoggedIn('bob', 'alice', 'Alice'));
  const { panel } = await clickCall(bob, bobTab, 'alice', 'audio');
  await aliceHome.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="bob"]', { timeout: 15_000 });
  // Firefox has no offscreen document: its event page plays the ringtone itself, in a loop.
  await waitFor(() => firefoxRingtoneSounding(aliceExtension), 5_000, 'the ringtone sounding in Firefox');
  await (await panel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
  await aliceHome.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true, timeout: 10_000 });
  await waitFor(async () => !(await firefoxRingtoneSounding(aliceExtension)), 1_000, 'the ringtone stopping');
  await Promise.all([bobTab.close(), panel.close()]);
});

it('answers in Firefox from the toast: the ringtone stops, media flows both ways, and each side reads why the call ended', async () => {
  const bobTab = await openX(bob, 'https://x.com/alice', profileLoggedIn('bob', 'alice', 'Alice'));
  const { panel: bobPanel } = await clickCall(bob, bobTab, 'alice', 'video');
  const accept = await aliceHome.waitForSelector('pierce/[data-testid="ringside-accept-video"]', { timeout: 15_000 });
  await waitFor(() => firefoxRingtoneSounding(aliceExtension), 5_000, 'the ringtone sounding in Firefox');
  await accept!.click();
  await waitFor(async () => !(await firefoxRingtoneSounding(aliceExtension)), 1_000, 'the ringtone stopping on accept');
  const alicePanel = await firefoxCallWindow(alice);
  await waitForState(alicePanel, 'connected');
  await waitForState(bobPanel, 'connected');
  await aliceHome.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });

  await mediaArrivesIn(bobPanel);
  expect((await readMediaStats(bobPanel)).remoteVideoWidth).toBeGreaterThan(0);
  await mediaArrivesInFirefox(alicePanel);

  // Hang up in Firefox before closing anything (DESIGN §6).
  await (await alicePanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
  await expectEnded(bobPanel, 'remote-hangup', '@alice hung up');
  await waitForState(alicePanel, 'ended');
  expect(await callState(alicePanel)).toMatchObject({ reason: 'hangup', peer: 'bob' });
  await Promise.all([bobTab.close(), bobPanel.close(), alicePanel.close()]);
});

it('calls from Firefox to Chromium: media both ways, mute and camera seen across, hung up from Chromium', async () => {
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  await (await aliceTab.waitForSelector('ringside-call-buttons[data-ringside-handle="bob"] >>> [data-testid="ringside-call-video"]'))!.click();
  const alicePanel = await firefoxCallWindow(alice);
  await (await bobHome.waitForSelector('pierce/[data-testid="ringside-accept-video"]', { timeout: 15_000 }))!.click();
  const bobPanel = await extensionPage(bob, 'sidepanel.html');
  await waitForState(bobPanel, 'connected');
  await waitForState(alicePanel, 'connected');
  await mediaArrivesIn(bobPanel);
  await mediaArrivesInFirefox(alicePanel);

  // What the person in Firefox switches off, the person in Chromium sees, and back. The person clicks in the
  // call window, which brings it to the front (a window left behind runs its timers throttled).
  await alicePanel.bringToFront();
  await (await alicePanel.waitForSelector('[data-testid="ringside-mute"]'))!.click();
  await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]', { timeout: 15_000 });
  await (await alicePanel.waitForSelector('[data-testid="ringside-camera"]'))!.click();
  await bobPanel.waitForSelector('[data-testid="ringside-remote-camera-off"]', { timeout: 15_000 });
  await (await alicePanel.waitForSelector('[data-testid="ringside-mute"]'))!.click();
  await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]', { hidden: true, timeout: 15_000 });
  // And the other way: Chromium's mute shows in Firefox.
  await (await bobPanel.waitForSelector('[data-testid="ringside-mute"]'))!.click();
  await alicePanel.waitForSelector('[data-testid="ringside-remote-muted"]', { timeout: 5_000 });

  await (await bobPanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
  await waitForState(alicePanel, 'ended');
  expect(await callState(alicePanel)).toMatchObject({ reason: 'remote-hangup', peer: 'bob', text: '@bob hung up' });
  await expectEnded(bobPanel, 'hangup', 'Call ended');
  await Promise.all([aliceTab.close(), bobPanel.close(), alicePanel.close()]);
});

it('comes back online by itself after Firefox unloads its background, and still rings', async () => {
  const startedBefore = await backgroundStartedAt(aliceExtension);
  const offline = aliceBecomes('offline', 10_000);
  await terminateBackground(alice);
  await offline;
  // Nothing but the background's own reconnect alarm (every 30 s) brings it back.
  const backAfter = Date.now();
  await aliceBecomes('online', 45_000);
  console.info(`[figures] firefox: online again ${Date.now() - backAfter} ms after the background was unloaded`);
  expect(await backgroundStartedAt(aliceExtension)).toBeGreaterThan(startedBefore);

  const bobTab = await openX(bob, 'https://x.com/alice', profileLoggedIn('bob', 'alice', 'Alice'));
  const { panel } = await clickCall(bob, bobTab, 'alice', 'audio');
  await aliceHome.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="bob"]', { timeout: 15_000 });
  await (await panel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
  await aliceHome.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true, timeout: 10_000 });
});
