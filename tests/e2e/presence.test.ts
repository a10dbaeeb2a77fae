import type { Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Person } from './harness/chromium';
import { waitUntilOnline } from './harness/presence';
import { makeContacts } from './harness/reach';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';
import { home } from '../fixtures/x/pages';
import { timeline, tweet, userCell } from '../fixtures/x/people-pages';
import type { RunningServer } from '../../server/app';
import { Client } from '../server/client';

let server: RunningServer;
let alice: Person;
let bob: Person;
beforeAll(async () => {
  server = await startE2EServer();
  [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
});
afterAll(async () => {
  await Promise.all([alice?.close(), bob?.close()]);
  await server.close();
});

/**
 * The state of the presence dot beside a handle's first buttons (null without one), as page code: a
 * string, so that no helper of the test's compiler ends up in it.
 */
const DOT_STATE = `(who) => document.querySelector('ringside-call-buttons[data-ringside-handle="' + who + '"]')
  ?.shadowRoot?.querySelector('[data-testid="ringside-presence"]')?.getAttribute('data-state') ?? null`;

/** Polled each frame: a dot is drawn inside the host's shadow root, where selector waits see no change. */
async function waitForDot(page: Page, handle: string, state: string) {
  await page.waitForFunction(`(${DOT_STATE})(${JSON.stringify(handle)}) === ${JSON.stringify(state)}`, { timeout: 10_000 });
}

it('a page opened while the server is away shows its dots once the extension is back, without a reload', async () => {
  await server.close();
  const page = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('erin', 'Erin')]));
  await page.waitForSelector('ringside-call-buttons[data-ringside-handle="erin"]');
  // Nothing to ask yet; a second and a half later there is still no dot.
  await new Promise((done) => setTimeout(done, 1_500));
  expect(await page.evaluate(`(${DOT_STATE})('erin')`)).toBeNull();

  server = await startE2EServer();
  // Erin lets Alice call her (so Alice may see her presence) and is on Ringside from another device.
  await makeContacts('alice', 'erin', server.url);
  const erin = await Client.signIn(server.url.replace(/^http/, 'ws'), 'erin');
  try {
    await waitUntilOnline(alice, 'alice');
    await waitForDot(page, 'erin', 'online');
  } finally {
    erin.socket.close();
  }
});

it('shows a presence dot beside people online on Ringside who let you call them, and none beside anyone else', async () => {
  await openX(bob, 'https://x.com/home', home('bob'));
  await openX(alice, 'https://x.com/home', home('alice'));
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);

  const page = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('Bob', 'Bob'), tweet('carol', 'Carol'), userCell('bob', 'Bob', '5'), userCell('dave', 'Dave', '6')]));
  await waitForDot(page, 'bob', 'online');
  // Both of Bob's places get the dot (Alice and Bob are contacts); Carol and Dave (not on Ringside) get none, like anyone offline.
  const dots = await page.$$eval('ringside-call-buttons', (hosts) =>
    hosts.map((h) => [h.getAttribute('data-ringside-handle'), h.shadowRoot?.querySelector('[data-testid="ringside-presence"]')?.getAttribute('data-state') ?? null]),
  );
  expect(dots).toEqual([
    ['bob', 'online'],
    ['carol', null],
    ['bob', 'online'],
    ['dave', null],
  ]);
  const label = await page.$eval('ringside-call-buttons >>> [data-testid="ringside-presence"]', (dot) => dot.getAttribute('aria-label'));
  expect(label).toBe('Online on Ringside');
});

it('keeps showing dots after the service worker stops, for people who come onto the page afterwards', async () => {
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);
  const page = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('carol', 'Carol')]));
  await page.waitForSelector('ringside-call-buttons[data-ringside-handle="carol"]');

  // The worker stops (as Chromium does after 30 s idle) and takes the tab's presence port with it.
  const workerTarget = await alice.browser.waitForTarget((t) => t.type() === 'service_worker');
  await (await workerTarget.worker())!.close();
  await waitUntilOnline(alice, 'alice');

  await page.evaluate((html: string) => document.querySelector('section > div')!.insertAdjacentHTML('beforeend', html), tweet('bob', 'Bob'));
  await waitForDot(page, 'bob', 'online');
});
