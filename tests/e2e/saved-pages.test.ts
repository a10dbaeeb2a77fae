import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import type { Person } from './harness/chromium';
import { contentScriptRan } from './harness/content-script';
import { openX, pageUntouched } from './harness/x-site';
import { launch } from './harness/world';
import { profileLoggedIn, sideNav } from '../fixtures/x/pages';
import { accountSwitcher, chat, hoverCard, legacyMessages, timeline, tweet, userCell, withLayers, xPage } from '../fixtures/x/people-pages';
import { missingMessage, missingSavedPages, SAVED_DIR, savedPage as saved, xStylesheet, type SavedPageName } from '../fixtures/x/saved-pages';

/** The rvinowise pages were saved logged in without X's side navigation: put it back to say who is logged in. */
const savedLoggedIn = (file: SavedPageName, self: string) => sideNav(self) + saved(file);
/**
 * The rvinowise pages were saved without X's stylesheet: this one comes from another saved page. It defines
 * about half of their classes, among them X's base view (every div a column) and its rows.
 */
const withXStylesheet = (html: string) => `<style>${xStylesheet(saved('metascraper-x_profile.html'))}</style>${html}`;

type Place = 'profile' | 'hovercard' | 'usercell' | 'tweet' | 'dm';
interface Expectation {
  page: string;
  url: string;
  html: () => string;
  /** Every host on the page, in document order: an extra, missing or misplaced one fails the test. */
  buttons: Array<[Place, string]>;
  /** The testid of the X element the profile buttons must sit just before. */
  before?: string;
  theme?: 'light' | 'dim' | 'dark';
  /**
   * The page carries X's own stylesheet, so it is laid out as on x.com: there the buttons must not move
   * anything up or down (a tweet that grows when its button arrives shifts every row below it).
   */
  xLayout?: boolean;
}

const times = (n: number, entry: [Place, string]) => Array.from({ length: n }, () => entry);

const pages: Expectation[] = [
  { page: 'metascraper-x_profile.html (logged out, lights out)', url: 'https://x.com/Kikobeats', html: () => saved('metascraper-x_profile.html'), buttons: [['profile', 'kikobeats'], ...times(3, ['tweet', 'kikobeats'])], before: 'placementTracking', theme: 'dark', xLayout: true },
  { page: 'metascraper-x_profile-video.html', url: 'https://x.com/javilop', html: () => saved('metascraper-x_profile-video.html'), buttons: [['profile', 'javilop'], ...times(4, ['tweet', 'javilop'])], before: 'placementTracking', theme: 'dark', xLayout: true },
  { page: 'rvinowise_own-profile-main_2023-12.html (your own profile)', url: 'https://x.com/tehprom269887', html: () => savedLoggedIn('rvinowise_own-profile-main_2023-12.html', 'tehprom269887'), buttons: [['usercell', 'learn_fsharp'], ['usercell', 'mikhailbatin'], ['usercell', 'turchin']] },
  { page: 'metascraper-x_post.html', url: 'https://x.com/realDonaldTrump/status/1', html: () => saved('metascraper-x_post.html'), buttons: [['tweet', 'realdonaldtrump']], xLayout: true },
  { page: 'metascraper-x_post-video.html', url: 'https://x.com/verge/status/1', html: () => saved('metascraper-x_post-video.html'), buttons: [['tweet', 'verge']], xLayout: true },
  { page: 'rvinowise_timeline-cells-with-usercells_2023-12.html (logged in as the author)', url: 'https://x.com/home', html: () => savedLoggedIn('rvinowise_timeline-cells-with-usercells_2023-12.html', 'tehprom269887'), buttons: [['usercell', 'learn_fsharp'], ['usercell', 'petrenko_ai'], ['usercell', 'fedichev']] },
  { page: 'rvinowise_timeline-cells-with-usercells_2023-12.html (as saved: nobody known to be logged in)', url: 'https://x.com/home', html: () => saved('rvinowise_timeline-cells-with-usercells_2023-12.html'), buttons: [...times(5, ['tweet', 'tehprom269887']), ['usercell', 'learn_fsharp'], ['usercell', 'petrenko_ai'], ['usercell', 'fedichev']] },
  {
    page: "rvinowise_timeline-cells-with-usercells_2023-12.html with X's stylesheet (logged in as the author)",
    url: 'https://x.com/home',
    html: () => withXStylesheet(savedLoggedIn('rvinowise_timeline-cells-with-usercells_2023-12.html', 'tehprom269887')),
    buttons: [['usercell', 'learn_fsharp'], ['usercell', 'petrenko_ai'], ['usercell', 'fedichev']],
    xLayout: true,
  },
  { page: 'tweetyoink_x-tweet-quote.html (outer author only)', url: 'https://x.com/home', html: () => saved('tweetyoink_x-tweet-quote.html'), buttons: [['tweet', 'testquoter']] },
  { page: 'tweetyoink_x-tweet-quote-video.html', url: 'https://x.com/home', html: () => saved('tweetyoink_x-tweet-quote-video.html'), buttons: [['tweet', 'quotinguser']] },
  { page: 'tweetyoink_x-tweet-sample.html', url: 'https://x.com/home', html: () => saved('tweetyoink_x-tweet-sample.html'), buttons: [['tweet', 'testuser123']] },
];

const bob = { handle: 'bob', name: 'Bob' };
/** A tweet whose name block ends with the handle's link itself, not a line holding it. */
const handleLinkLast = (html: string) =>
  html.replace(/<div data-testid="User-Name">[\s\S]*?<\/time><\/a><\/div><\/div>/, '<div data-testid="User-Name"><div><a href="/bob" role="link"><span>Bob</span></a></div><a href="/bob" role="link" tabindex="-1"><span>@bob</span></a></div>');
const handBuilt: Expectation[] = [
  { page: 'another profile, logged in', url: 'https://x.com/Bob', html: () => profileLoggedIn('alice', 'Bob', 'Bob'), buttons: [['profile', 'bob']], before: 'userActions', theme: 'light' },
  { page: 'your own profile, logged in', url: 'https://x.com/alice', html: () => profileLoggedIn('alice', 'alice', 'Alice'), buttons: [] },
  {
    page: 'timeline: others, your own tweet, a quote of yourself, user cells (div and button), your own cell',
    url: 'https://x.com/home',
    html: () => timeline('alice', [tweet('Bob', 'Bob'), tweet('alice', 'Alice'), tweet('carol', 'Carol', { handle: 'alice', name: 'Alice' }), tweet('alice', 'Alice', { handle: 'dave', name: 'Dave' }), userCell('Erin', 'Erin', '11'), userCell('frank', 'Frank', '12', 'button'), userCell('alice', 'Alice', '13')]),
    buttons: [['tweet', 'bob'], ['tweet', 'carol'], ['usercell', 'erin'], ['usercell', 'frank']],
  },
  { page: "a tweet's name block ending in a link", url: 'https://x.com/home', html: () => timeline('alice', [handleLinkLast(tweet('bob', 'Bob'))]), buttons: [['tweet', 'bob']] },
  { page: 'hover card over a timeline', url: 'https://x.com/home', html: () => withLayers('alice', tweet('bob', 'Bob'), hoverCard('Carol', 'Carol', '77')), buttons: [['tweet', 'bob'], ['hovercard', 'carol']] },
  { page: 'your own hover card', url: 'https://x.com/home', html: () => withLayers('alice', '', hoverCard('alice', 'Alice', '1')), buttons: [] },
  { page: 'account switcher (reuses the HoverCard testid)', url: 'https://x.com/home', html: () => withLayers('alice', '', accountSwitcher(['alice', 'alice_work'])), buttons: [] },
  { page: 'side navigation only: the logged-in account is read, nothing placed', url: 'https://x.com/home', html: () => withLayers('alice', '', ''), buttons: [] },
  { page: 'DM, current interface, one to one', url: 'https://x.com/i/chat/100-200', html: () => chat('alice', [bob]), buttons: [['dm', 'bob']] },
  { page: 'DM, current interface, group', url: 'https://x.com/i/chat/g1234567', html: () => chat('alice', [bob, { handle: 'carol', name: 'Carol' }]), buttons: [] },
  { page: 'DM, current interface, group that looks one to one in its header', url: 'https://x.com/i/chat/g1234567', html: () => chat('alice', [bob]), buttons: [] },
  { page: 'DM, older interface, one to one', url: 'https://x.com/messages/100-200', html: () => legacyMessages('alice', 'bob', 'Bob'), buttons: [['dm', 'bob']] },
  { page: 'DM, older interface, group', url: 'https://x.com/messages/1234567', html: () => legacyMessages('alice', 'bob', 'Bob'), buttons: [] },
  {
    page: 'right-to-left page in Arabic, dim theme',
    url: 'https://x.com/home',
    html: () => xPage('الرئيسية / X', `${sideNav('alice')}<main role="main">${tweet('bob', 'بوب')}${userCell('carol', 'كارول', '9')}</main>`, { lang: 'ar', dir: 'rtl', background: 'rgb(21, 32, 43)' }),
    buttons: [['tweet', 'bob'], ['usercell', 'carol']],
    theme: 'dim',
  },
  {
    page: 'page in Japanese, large font',
    url: 'https://x.com/home',
    html: () => xPage('ホーム / X', `${sideNav('alice')}<main role="main">${tweet('bob', 'ボブ')}</main>`, { lang: 'ja', fontSize: 17 }),
    buttons: [['tweet', 'bob']],
    theme: 'light',
  },
];

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
    await page.setViewport({ width: 1280, height: 8000 });
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
      expect(host.widthInRem).toBeCloseTo(host.place === 'tweet' ? 1.25 : 2.4, 1);
    }
    expect(await pageUntouched(page), 'nothing but our own hosts may change on the page').toBe(true);
    if (expected.xLayout) expect(await movedByHosts(page), 'what the buttons moved up or down').toEqual([]);
  } finally {
    await page.close();
  }
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

describe('call buttons on hand-built pages', () => {
  it.each(handBuilt.map((e) => [e.page, e] as const))('%s', (_, expected) => check(expected));
});

describe(`call buttons on the saved real pages (${SAVED_DIR})`, () => {
  // Never skipped: without the pages this suite would prove nothing while reading green.
  it('has every saved page to read', () => {
    const missing = missingSavedPages();
    expect(missing, missing.length ? missingMessage(missing) : '').toEqual([]);
  });
  it.each(pages.map((e) => [e.page, e] as const))('%s', (_, expected) => check(expected));
});
