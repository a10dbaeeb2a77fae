// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { profileLoggedIn } from '../fixtures/x/pages';
import { accountSwitcher, hoverCard, timeline, tweet, userCell, withLayers, xPage } from '../fixtures/x/people-pages';
import { background, comeNear, FakeIntersectionObserver, hosts, navigate, openX, settle } from './x-content-page';

vi.mock('../../entrypoints/x.content/to-background', async () => (await import('./x-content-page')).toBackgroundModule);
vi.mock('../../entrypoints/x.content/core/i18n', async () => (await import('./x-content-page')).i18nModule);
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

/**
 * X is a single-page app: it navigates with pushState, reuses the profile header, recycles timeline rows,
 * opens and closes hover cards and switches themes. The same changes as tests/e2e/page-changes.test.ts,
 * on the core and features in happy-dom.
 */
let lifetime: AbortController | undefined;
afterEach(() => {
  lifetime?.abort();
  background.answer = (message) => (message.type === 'page.start' ? { rings: [], presence: false } : undefined);
});

const open = async (url: string, html: string) => {
  lifetime = (await openX(url, html)).lifetime;
};
const authorLinks = (article: Element) => article.querySelectorAll('[data-testid="User-Name"] a');
const rewriteAuthor = (article: Element, from: string, to: string) => {
  for (const a of authorLinks(article)) a.setAttribute('href', a.getAttribute('href')!.replace(`/${from}`, `/${to}`));
};

describe('X changing the page under the buttons', () => {
  it('follows pushState from one profile to the next in the reused header, and leaves with the profile', async () => {
    await open('https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    expect(hosts()).toEqual([['profile', 'bob']]);
    const profileHost = document.querySelector('ringside-call-buttons');
    navigate('/carol');
    await settle();
    expect(hosts()).toEqual([['profile', 'carol']]);
    // The header is X's, reused: so is the host in it.
    expect(document.querySelector('ringside-call-buttons')).toBe(profileHost);
    navigate('/alice');
    await settle();
    expect(hosts()).toEqual([]);
    navigate('/Dave');
    await settle();
    expect(hosts()).toEqual([['profile', 'dave']]);
    navigate('/home');
    document.querySelector('[data-testid="primaryColumn"]')!.replaceChildren();
    await settle();
    expect(hosts()).toEqual([]);
  });

  it('keeps one button per tweet while the timeline recycles its rows', async () => {
    await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), tweet('carol', 'Carol'), tweet('dave', 'Dave')]));
    comeNear();
    await settle();
    expect(hosts()).toEqual([['tweet', 'bob'], ['tweet', 'carol'], ['tweet', 'dave']]);
    // A row rewritten in place for another author: only its links change.
    rewriteAuthor(document.querySelectorAll('article')[0]!, 'bob', 'erin');
    await settle();
    expect(hosts()).toEqual([['tweet', 'erin'], ['tweet', 'carol'], ['tweet', 'dave']]);
    // A row taken from the top and reused at the bottom for someone else, as virtualised lists do.
    const cell = document.querySelectorAll('[data-testid="cellInnerDiv"]')[0]!;
    const list = cell.parentElement!;
    cell.remove();
    rewriteAuthor(cell, 'erin', 'frank');
    list.append(cell);
    await settle();
    comeNear();
    await settle();
    expect(hosts()).toEqual([['tweet', 'carol'], ['tweet', 'dave'], ['tweet', 'frank']]);
    // A row becoming your own tweet loses its button.
    rewriteAuthor(document.querySelectorAll('article')[0]!, 'carol', 'alice');
    await settle();
    expect(hosts()).toEqual([['tweet', 'dave'], ['tweet', 'frank']]);
  });

  it('builds tweet buttons only for rows that come near the viewport, each once', async () => {
    const people = Array.from({ length: 6 }, (_, i) => `person${i}`);
    await open('https://x.com/home', timeline('alice', people.map((handle) => tweet(handle, handle))));
    expect(hosts()).toEqual([]);
    const rows = [...document.querySelectorAll('[data-testid="cellInnerDiv"]')];
    comeNear((el) => el === rows[0] || rows[0]!.contains(el));
    await settle();
    expect(hosts()).toEqual([['tweet', 'person0']]);
    comeNear((el) => rows.slice(0, 4).some((row) => row === el || row.contains(el)));
    await settle();
    expect(hosts()).toEqual([0, 1, 2, 3].map((i) => ['tweet', `person${i}`]));
    // Rows that came near are no longer watched: each row costs one observer entry, once.
    const watched = [...FakeIntersectionObserver.live].flatMap((o) => [...o.observed]);
    expect(watched.some((el) => rows.slice(0, 4).some((row) => row === el || row.contains(el)))).toBe(false);
  });

  it('rows X adds later are searched when they come near, not when they arrive', async () => {
    await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]));
    comeNear();
    await settle();
    document.querySelector('section > div')!.insertAdjacentHTML('beforeend', tweet('carol', 'Carol') + tweet('dave', 'Dave'));
    await settle();
    expect(hosts()).toEqual([['tweet', 'bob']]);
    comeNear();
    await settle();
    expect(hosts()).toEqual([['tweet', 'bob'], ['tweet', 'carol'], ['tweet', 'dave']]);
  });

  it("follows X's theme on the buttons shown and the ones that come after", async () => {
    await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), userCell('carol', 'Carol', '5')]));
    comeNear();
    await settle();
    const themes = () => [...document.querySelectorAll('ringside-call-buttons')].map((h) => h.getAttribute('data-theme'));
    expect(themes()).toEqual(['light', 'light']);
    document.body.style.setProperty('background-color', 'rgb(21, 32, 43)');
    await settle();
    expect(themes()).toEqual(['dim', 'dim']);
    document.querySelector('section > div')!.insertAdjacentHTML('beforeend', tweet('dave', 'Dave'));
    await settle();
    comeNear();
    await settle();
    expect(themes()).toEqual(['dim', 'dim', 'dim']);
    document.body.style.setProperty('background-color', 'rgb(0, 0, 0)');
    await settle();
    expect(themes()).toEqual(['dark', 'dark', 'dark']);
  });

  it('adds a button to a hover card filled in after it appears, and none to the account switcher', async () => {
    await open('https://x.com/home', withLayers('alice', '', ''));
    const layers = document.getElementById('layers')!;
    const shell = document.createElement('div');
    shell.dataset.testid = 'HoverCard';
    layers.append(shell);
    await settle();
    comeNear();
    await settle();
    expect(hosts()).toEqual([]);
    const card = new DOMParser().parseFromString(hoverCard('carol', 'Carol', '7'), 'text/html').querySelector('[data-testid="HoverCard"]')!;
    shell.append(...card.childNodes);
    await settle();
    comeNear();
    await settle();
    expect(hosts()).toEqual([['hovercard', 'carol']]);
    layers.replaceChildren();
    await settle();
    expect(hosts()).toEqual([]);
    layers.insertAdjacentHTML('beforeend', accountSwitcher(['alice', 'alice_work']));
    await settle();
    comeNear();
    await settle();
    expect(hosts()).toEqual([]);
  });

  it('learns who is logged in when X draws its side navigation late, and takes that account’s buttons away', async () => {
    await open('https://x.com/home', xPage('Accueil / X', `<main role="main"><section><div>${tweet('alice', 'Alice')}${tweet('bob', 'Bob')}</div></section></main>`));
    comeNear();
    await settle();
    expect(hosts()).toEqual([['tweet', 'alice'], ['tweet', 'bob']]);
    // The account is looked for at most once a second while unknown.
    const now = performance.now();
    vi.spyOn(performance, 'now').mockReturnValue(now + 1_500);
    document.querySelector('main')!.insertAdjacentHTML('beforebegin', `<nav><a href="/alice" data-testid="AppTabBar_Profile_Link">Profil</a></nav>`);
    await settle();
    vi.restoreAllMocks();
    expect(hosts()).toEqual([['tweet', 'bob']]);
    expect(background.sent).toContainEqual({ type: 'page.identity', handle: 'alice' });
  });
});

describe('a copy of the script handing the page over (an update)', () => {
  it('takes its buttons away and builds none after, whatever X adds or brings near', async () => {
    await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), tweet('carol', 'Carol')]));
    const firstRow = document.querySelector('[data-testid="cellInnerDiv"]')!;
    comeNear((el) => firstRow.contains(el));
    await settle();
    expect(hosts()).toEqual([['tweet', 'bob']]);
    lifetime!.abort();
    expect(hosts()).toEqual([]);
    document.querySelector('section > div')!.insertAdjacentHTML('beforeend', tweet('dave', 'Dave') + userCell('erin', 'Erin', '3'));
    comeNear();
    await settle();
    expect(hosts()).toEqual([]);
    expect(FakeIntersectionObserver.live.size).toBe(0);
  });
});
