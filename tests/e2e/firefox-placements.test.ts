import type { Page } from 'puppeteer';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchFirefoxPerson, type FirefoxPerson } from './harness/firefox';
import { openX, pageUntouched } from './harness/x-site';
import { E2E_FIREFOX_EXTENSION_DIR } from './harness/world';
import { describePlacements, PHONE_VIEWPORT, type Expectation } from '../fixtures/x/placements';

/**
 * The same placement list as Chromium's (tests/fixtures/x/placements.ts), read in Firefox ESR with the
 * Firefox build: X's page is one page whatever the browser, and so must be where the buttons go.
 */
let person: FirefoxPerson;
/** One tab for every page: opening a tab over BiDi costs more than reading the page in it. */
let tab: Page;
let current: Expectation | undefined;
beforeAll(async () => {
  person = await launchFirefoxPerson('reader', E2E_FIREFOX_EXTENSION_DIR);
  const pageAt = (href: string) => (current ? (href === new URL(current.url).href ? current.html() : undefined) : '');
  tab = await openX(person, 'https://x.com/', pageAt);
});
afterAll(async () => {
  await person?.close();
});

/**
 * Over BiDi there is no execution-context event to tell that the content script ran, so a page that must stay
 * empty waits this long for hosts that should not be there (the other pages prove the script runs).
 */
const SETTLE_MS = 500;

async function check(expected: Expectation) {
  current = expected;
  // Over BiDi the viewport takes a size, not touch: Firefox for Android's layout is read at its width.
  await tab.setViewport(expected.phone ? { width: PHONE_VIEWPORT.width, height: PHONE_VIEWPORT.height } : { width: 1280, height: 8000 });
  await tab.goto(expected.url, { waitUntil: 'domcontentloaded' });
  if (expected.buttons.length > 0) {
    await tab
      .waitForFunction((n: number) => document.querySelectorAll('ringside-call-buttons').length >= n, { timeout: 10_000 }, expected.buttons.length)
      .catch(() => {});
    // The script has run: extra or misplaced hosts come in the same scan, or with the next rendering (tweets
    // near the viewport), as in Chromium's test.
    await tab.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  } else {
    await new Promise((done) => setTimeout(done, SETTLE_MS));
  }
  const found = await tab.$$eval('ringside-call-buttons', (hosts) =>
    hosts.map((host) => ({
      place: host.getAttribute('data-ringside-place'),
      handle: host.getAttribute('data-ringside-handle'),
      theme: host.getAttribute('data-theme'),
      inLink: !!host.closest('a'),
      buttons: host.shadowRoot?.querySelectorAll('[data-testid^="ringside-call-"]').length ?? 0,
    })),
  );
  expect(found.map(({ place, handle }) => [place, handle])).toEqual(expected.buttons);
  for (const host of found) {
    expect(host.buttons, `${host.place} @${host.handle} has its buttons`).toBeGreaterThan(0);
    expect(host.inLink, 'a button inside a link would follow it too').toBe(false);
    if (expected.theme) expect(host.theme).toBe(expected.theme);
  }
  expect(await pageUntouched(tab), 'nothing but our own hosts may change on the page').toBe(true);
}

describePlacements(check);
