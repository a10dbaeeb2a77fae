import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Person } from './harness/chromium';
import { waitUntilOnline } from './harness/presence';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';
import { home } from '../fixtures/x/pages';
import { timeline, tweet, userCell } from '../fixtures/x/people-pages';
import type { RunningServer } from '../../server/app';

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

it('shows a presence dot beside people online on Ringside, and none beside anyone else', async () => {
  await openX(bob, 'https://x.com/home', home('bob'));
  await openX(alice, 'https://x.com/home', home('alice'));
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);

  const page = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('Bob', 'Bob'), tweet('carol', 'Carol'), userCell('bob', 'Bob', '5'), userCell('dave', 'Dave', '6')]));
  await page.waitForSelector('ringside-call-buttons[data-ringside-handle="bob"] >>> [data-testid="ringside-presence"][data-state="online"]');
  // Both of Bob's places get the dot; Carol and Dave (not on Ringside) get none, like anyone offline.
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
