import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'puppeteer';
import type { Person } from './harness/chromium';
import { contentScriptRan } from './harness/content-script';
import { openX, pageUntouched } from './harness/x-site';
import { launch } from './harness/world';
import { describePlacements, PHONE_VIEWPORT, type Expectation } from '../fixtures/x/placements';

let person: Person;
beforeAll(async () => {
  person = await launch('reader');
});
afterAll(async () => {
  await person.close();
});

async function check(expected: Expectation) {
  const page = await openX(person, expected.url, expected.html());
  try {
    // Tweet buttons are built as tweets near the viewport: a tall one shows every tweet of these pages.
    await page.setViewport(expected.phone ? PHONE_VIEWPORT : { width: 1280, height: 8000 });
    await contentScriptRan(page, person.extensionId);
    await page
      .waitForFunction((n: number) => document.querySelectorAll('ringside-call-buttons').length >= n, { timeout: 5_000 }, expected.buttons.length)
      .catch(() => {});
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const found = await page.$$eval('ringside-call-buttons', (hosts) =>
      hosts.map((host) => ({
        handle: host.getAttribute('data-ringside-handle'),
        place: host.getAttribute('data-ringside-place'),
        theme: host.getAttribute('data-theme'),
        before: host.nextElementSibling?.getAttribute('data-testid') ?? null,
        inLink: !!host.closest('a'),
        audio: host.shadowRoot?.querySelector('[data-testid="ringside-call-audio"]')?.getAttribute('aria-label') ?? null,
        video: host.shadowRoot?.querySelector('[data-testid="ringside-call-video"]')?.getAttribute('aria-label') ?? null,
        /** Tweets show one button that opens the audio/video choice. */
        menu: host.shadowRoot?.querySelector('[data-testid="ringside-call-menu"][aria-haspopup="menu"]')?.getAttribute('aria-label') ?? null,
        /** Button width in X's root font size: our sizes follow the font size the person chose on X. */
        widthInRem:
          (host.shadowRoot?.querySelector('button')?.getBoundingClientRect().width ?? 0) / parseFloat(getComputedStyle(document.documentElement).fontSize),
      })),
    );
    expect(found.map(({ place, handle }) => [place, handle])).toEqual(expected.buttons);
    for (const host of found) {
      if (host.place === 'tweet') {
        expect([host.menu, host.audio, host.video]).toEqual([`Call @${host.handle}`, null, null]);
      } else {
        expect([host.menu, host.audio, host.video]).toEqual([null, `Audio call with @${host.handle}`, `Video call with @${host.handle}`]);
      }
      if (expected.theme) expect(host.theme).toBe(expected.theme);
      expect(host.inLink, 'a button inside a link would follow it too').toBe(false);
      if (host.place === 'profile') expect(host.before).toBe(expected.before);
      // Compact buttons grow to 24 px under a finger (1.6rem at X's 15 px), without growing X's line (call-buttons-css.ts).
      expect(host.widthInRem).toBeCloseTo(host.place === 'tweet' ? (expected.phone ? 1.6 : 1.25) : 2.4, 1);
    }
    expect(await pageUntouched(page), 'nothing but our own hosts may change on the page').toBe(true);
    if (expected.xLayout) expect(await movedByHosts(page), 'what the buttons moved up or down').toEqual([]);
    if (expected.phone) await checkTouch(page);
  } finally {
    await page.close();
  }
}

/**
 * By touch at a phone's size: every button takes a finger (at least 24 px, WCAG 2.5.8), and a tap on a
 * tweet's button opens its audio/video menu, whose items take a finger too.
 */
async function checkTouch(page: Page) {
  const sizes = await page.$$eval('ringside-call-buttons', (hosts) =>
    hosts.flatMap((host) => [...(host.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => {
      const box = b.getBoundingClientRect();
      return { what: `${host.getAttribute('data-ringside-place')} ${b.getAttribute('data-testid')}`, size: Math.min(box.width, box.height) };
    })),
  );
  for (const { what, size } of sizes) expect(size, `${what} is ${size.toFixed(1)} px`).toBeGreaterThanOrEqual(24);
  const trigger = await page.waitForSelector('ringside-call-buttons[data-ringside-place="tweet"] >>> [data-testid="ringside-call-menu"]');
  await trigger!.tap();
  const items = await page.waitForSelector('ringside-call-buttons[data-ringside-place="tweet"] >>> [role="menu"] [data-testid="ringside-call-video"]', { visible: true });
  const box = await items!.boundingBox();
  expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(24);
}

/**
 * The elements of the page whose top or height differ with and without our hosts (removed for the
 * comparison), each as its testid or tag with both boxes.
 */
function movedByHosts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const elements = [...document.body.querySelectorAll('*')].filter((el) => el.localName !== 'ringside-call-buttons');
    const boxes = () => elements.map((el) => { const box = el.getBoundingClientRect(); return `${box.top.toFixed(1)}+${box.height.toFixed(1)}`; });
    const withHosts = boxes();
    for (const host of document.querySelectorAll('ringside-call-buttons')) host.remove();
    const without = boxes();
    return elements.flatMap((el, i) => (withHosts[i] === without[i] ? [] : [`${el.getAttribute('data-testid') ?? el.localName}: ${without[i]} → ${withHosts[i]}`])).slice(0, 10);
  });
}

describePlacements(check);
