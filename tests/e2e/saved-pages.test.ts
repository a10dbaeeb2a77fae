import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from './harness/chromium';
import { contentScriptRan } from './harness/content-script';
import { openX, pageUntouched } from './harness/x-site';
import { launch } from './harness/world';
import { profileLoggedIn } from '../fixtures/x/pages';

/** Real pages of x.com saved by other projects (shared/fixtures/x/SOURCES.md); read in place, never copied. */
const SAVED = path.resolve('../shared/fixtures/x');
const saved = (file: string) => readFileSync(path.join(SAVED, file), 'utf8');

interface Expectation {
  page: string;
  url: string;
  html: () => string;
  buttons: Array<{ handle: string; place: string }>;
  /** The testid of the X element our buttons must sit just before. */
  before?: string;
}

const pages: Expectation[] = [
  { page: 'metascraper-x_profile.html', url: 'https://x.com/Kikobeats', html: () => saved('metascraper-x_profile.html'), buttons: [{ handle: 'kikobeats', place: 'profile' }], before: 'placementTracking' },
  { page: 'metascraper-x_profile-video.html', url: 'https://x.com/javilop', html: () => saved('metascraper-x_profile-video.html'), buttons: [{ handle: 'javilop', place: 'profile' }], before: 'placementTracking' },
  { page: 'rvinowise_own-profile-main_2023-12.html (your own profile)', url: 'https://x.com/tehprom269887', html: () => saved('rvinowise_own-profile-main_2023-12.html'), buttons: [] },
  { page: 'metascraper-x_post.html', url: 'https://x.com/Kikobeats/status/1', html: () => saved('metascraper-x_post.html'), buttons: [] },
  { page: 'metascraper-x_post-video.html', url: 'https://x.com/javilop/status/1', html: () => saved('metascraper-x_post-video.html'), buttons: [] },
  { page: 'rvinowise_timeline-cells-with-usercells_2023-12.html', url: 'https://x.com/home', html: () => saved('rvinowise_timeline-cells-with-usercells_2023-12.html'), buttons: [] },
  { page: 'tweetyoink_x-tweet-quote.html', url: 'https://x.com/home', html: () => saved('tweetyoink_x-tweet-quote.html'), buttons: [] },
];

const handBuilt: Expectation[] = [
  { page: 'hand-built: another profile, logged in', url: 'https://x.com/Bob', html: () => profileLoggedIn('alice', 'Bob', 'Bob'), buttons: [{ handle: 'bob', place: 'profile' }], before: 'userActions' },
  { page: 'hand-built: your own profile, logged in', url: 'https://x.com/alice', html: () => profileLoggedIn('alice', 'alice', 'Alice'), buttons: [] },
];

let person: Person;
beforeAll(async () => {
  person = await launch('reader');
});
afterAll(async () => {
  await person.close();
});

async function check(expected: Expectation) {
  const html = expected.html();
  const page = await openX(person, expected.url, html);
  try {
    await contentScriptRan(page, person.extensionId);
    if (expected.buttons.length) await page.waitForSelector('pierce/[data-testid="ringside-call-video"]');
    const found = await page.$$eval('ringside-call-buttons', (hosts) =>
      hosts.map((host) => ({
        handle: host.getAttribute('data-ringside-handle'),
        place: host.getAttribute('data-ringside-place'),
        before: host.nextElementSibling?.getAttribute('data-testid') ?? null,
        audio: !!host.shadowRoot?.querySelector('[data-testid="ringside-call-audio"]'),
        video: !!host.shadowRoot?.querySelector('[data-testid="ringside-call-video"]'),
      })),
    );
    expect(found.map(({ handle, place }) => ({ handle, place }))).toEqual(expected.buttons);
    for (const host of found) {
      expect(host).toMatchObject({ before: expected.before, audio: true, video: true });
    }
    expect(await pageUntouched(page), 'nothing but our own hosts may change on the page').toBe(true);
  } finally {
    await page.close();
  }
}

describe('call buttons on hand-built pages', () => {
  it.each(handBuilt.map((e) => [e.page, e] as const))('%s', (_, expected) => check(expected));
});

describe.skipIf(!existsSync(SAVED))(`call buttons on the saved real pages (${existsSync(SAVED) ? SAVED : 'absent: skipped'})`, () => {
  it.each(pages.map((e) => [e.page, e] as const))('%s', (_, expected) => check(expected));
});
