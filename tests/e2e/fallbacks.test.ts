import type { Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { buildE2EExtension } from './harness/build';
import { callState, waitForState } from './harness/call-window';
import { extensionPage, launchPerson, openPopup, type Person } from './harness/chromium';
import { readMediaStats } from './harness/media-stats';
import { logInToX, signInWithX } from './harness/sign-in';
import { startE2EServer } from './harness/world';
import { openX } from './harness/x-site';
import { addContactInPopup } from './harness/reach';

/**
 * Safari has no side panel, no offscreen documents and no identity API, and Firefox for Android has no
 * windows: Chromium with those switched off at build time (RINGSIDE_WITHOUT) takes each fallback, so each is
 * proven in a real browser here.
 */
const WITHOUT = 'sidePanel,windows,offscreen,identity';

let extensionDir: string;
let standIn: XStandIn;
let server: RunningServer;
const people: Person[] = [];
beforeAll(async () => {
  extensionDir = buildE2EExtension('chrome', WITHOUT);
  standIn = await startXStandIn();
  server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env });
});
afterAll(async () => {
  await Promise.all(people.splice(0).map((person) => person.close()));
  await server?.close();
  await standIn?.close();
});

/** Signed in with X through the tab. */
async function signedIn(id: string, handle: string): Promise<Person> {
  standIn.setUser({ id, username: handle, name: handle });
  const person = await launchPerson(handle, extensionDir);
  people.push(person);
  await logInToX(person, standIn, id);
  await (await signInWithX(person, handle)).close();
  return person;
}

/** Someone added from the popup, so calls between them ring. */
async function addContact(person: Person, contact: string): Promise<void> {
  const popup = await openPopup(person);
  await addContactInPopup(popup, contact);
  await popup.close();
}

/** Two readings of the call window's incoming media: the second once both audio and video have grown, or after 10 s. */
async function mediaGrowth(panel: Page) {
  const before = await readMediaStats(panel);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const after = await readMediaStats(panel);
    const grown = after.framesDecoded > before.framesDecoded && after.audioPacketsReceived > before.audioPacketsReceived;
    if (grown || Date.now() > deadline) return { before, after };
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Whether the page is an extension page in a tab of its own (a side panel or popup has no tab). */
const inOwnTab = (page: Page) =>
  page.evaluate(async () => {
    const { tabs } = (globalThis as unknown as { chrome: { tabs: { getCurrent(): Promise<{ id?: number } | undefined> } } }).chrome;
    return (await tabs.getCurrent())?.id !== undefined;
  });

/** Alice, signed in by the first test, calls in the second. */
let alice: Person;

it('signs in with X through a tab that closes itself, where there is no identity API', async () => {
  alice = await signedIn('7001', 'alice');
  expect(standIn.calls.authorize).toBeGreaterThan(0);
  // X's page went back to the server's page, which the extension read and closed.
  const left = (await alice.browser.pages()).map((page) => page.url()).filter((url) => url.startsWith(server.url));
  expect(left).toEqual([]);
});

it('holds the call in a tab where there is neither side panel nor window, and rings without an offscreen document', async () => {
  // Each other's contacts: the call rings, and goes direct (this server has no relay).
  const bob = await signedIn('7102', 'bob');
  await Promise.all([addContact(alice, 'bob'), addContact(bob, 'alice')]);
  const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-call-video"]'))!.click();
  const alicePanel = await extensionPage(alice, 'sidepanel.html');
  expect(await inOwnTab(alicePanel)).toBe(true);

  await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-handle="alice"]', { timeout: 15_000 });
  expect(bob.browser.targets().some((target) => target.url().endsWith('/offscreen.html'))).toBe(false);
  await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]'))!.click();
  const bobPanel = await extensionPage(bob, 'sidepanel.html');
  expect(await inOwnTab(bobPanel)).toBe(true);
  await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);

  // Back on x.com, the call goes on in its tab.
  await aliceTab.bringToFront();
  const { before, after } = await mediaGrowth(alicePanel);
  expect(after.framesDecoded).toBeGreaterThan(before.framesDecoded);
  expect(after.audioPacketsReceived).toBeGreaterThan(before.audioPacketsReceived);

  await (await bobPanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
  await waitForState(alicePanel, 'ended');
  expect(await callState(alicePanel)).toMatchObject({ reason: 'remote-hangup', peer: 'bob' });
});
