import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from './harness/chromium';
import { contentScriptRan } from './harness/content-script';
import { openX } from './harness/x-site';
import { extensionCallsCompiling } from './harness/trace';
import { launch } from './harness/world';
import { profileLoggedIn } from '../fixtures/x/pages';
import { accountSwitcher, hoverCard, timeline, tweet, userCell, withLayers } from '../fixtures/x/people-pages';

/**
 * X is a single-page app: it navigates with pushState, reuses the profile header, recycles timeline rows
 * and opens and closes hover cards. The buttons must follow all of it, exactly once per place.
 */
let person: Person;
beforeAll(async () => {
  person = await launch('changes');
});
afterAll(async () => {
  await person.close();
});

type Hosts = Array<[string | null, string | null]>;
const readHosts = (page: Page): Promise<Hosts> =>
  page.$$eval('ringside-call-buttons', (hosts) => hosts.map((h) => [h.getAttribute('data-ringside-place'), h.getAttribute('data-ringside-handle')] as [string | null, string | null]));

/** Waits until the hosts on the page are exactly `expected`, then asserts it (a clear diff when they never are). */
async function expectHosts(page: Page, expected: Hosts) {
  await page
    .waitForFunction(
      (want: string) =>
        JSON.stringify([...document.querySelectorAll('ringside-call-buttons')].map((h) => [h.getAttribute('data-ringside-place'), h.getAttribute('data-ringside-handle')])) === want,
      { timeout: 5_000 },
      JSON.stringify(expected),
    )
    .catch(() => {});
  expect(await readHosts(page)).toEqual(expected);
}

async function open(url: string, html: string) {
  const page = await openX(person, url, html);
  await contentScriptRan(page, person.extensionId);
  return page;
}

describe('X changing the page under the buttons', () => {
  it('follows pushState from one profile to the next in the reused header, and leaves with the profile', async () => {
    const page = await open('https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    try {
      await expectHosts(page, [['profile', 'bob']]);
      const goTo = (path: string, name: string) =>
        page.evaluate(
          (p: string, n: string) => {
            history.pushState({}, '', p);
            // React rewrites the text nodes in place: no element is added, no observed attribute changes.
            const spans = document.querySelectorAll('[data-testid="UserName"] span');
            (spans[0]!.firstChild as Text).data = n;
            (spans[1]!.firstChild as Text).data = `@${p.slice(1)}`;
          },
          path,
          name,
        );
      await goTo('/carol', 'Carol');
      await expectHosts(page, [['profile', 'carol']]);
      await goTo('/alice', 'Alice');
      await expectHosts(page, []);
      await goTo('/Dave', 'Dave');
      await expectHosts(page, [['profile', 'dave']]);
      await page.evaluate(() => {
        history.pushState({}, '', '/home');
        document.querySelector('[data-testid="primaryColumn"]')!.replaceChildren();
      });
      await expectHosts(page, []);
      await page.evaluate(() => history.back());
      await expectHosts(page, []);
    } finally {
      await page.close();
    }
  });

  it('keeps one button per tweet while the timeline recycles its rows', async () => {
    const page = await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), tweet('carol', 'Carol'), tweet('dave', 'Dave')]));
    try {
      await expectHosts(page, [['tweet', 'bob'], ['tweet', 'carol'], ['tweet', 'dave']]);
      // A row rewritten in place for another author: only its links change.
      await page.evaluate(() => {
        const row = document.querySelectorAll('article')[0]!;
        row.querySelectorAll('[data-testid="User-Name"] a').forEach((a) => a.setAttribute('href', a.getAttribute('href')!.replace('/bob', '/erin')));
      });
      await expectHosts(page, [['tweet', 'erin'], ['tweet', 'carol'], ['tweet', 'dave']]);
      // A row taken from the top and reused at the bottom for someone else, as virtualised lists do.
      await page.evaluate(() => {
        const cell = document.querySelectorAll('[data-testid="cellInnerDiv"]')[0]!;
        const list = cell.parentElement!;
        cell.remove();
        cell.querySelectorAll('[data-testid="User-Name"] a').forEach((a) => a.setAttribute('href', a.getAttribute('href')!.replace('/erin', '/frank')));
        list.append(cell);
      });
      await expectHosts(page, [['tweet', 'carol'], ['tweet', 'dave'], ['tweet', 'frank']]);
      // A row becoming your own tweet loses its button.
      await page.evaluate(() => {
        const row = document.querySelectorAll('article')[0]!;
        row.querySelectorAll('[data-testid="User-Name"] a').forEach((a) => a.setAttribute('href', a.getAttribute('href')!.replace('/carol', '/alice')));
      });
      await expectHosts(page, [['tweet', 'dave'], ['tweet', 'frank']]);
    } finally {
      await page.close();
    }
  });

  it('builds the buttons of a long timeline as the reader scrolls to them, and not before', async () => {
    const people = Array.from({ length: 40 }, (_, i) => `person${i}`);
    const page = await open('https://x.com/home', timeline('alice', people.map((handle) => tweet(handle, handle))));
    try {
      await page.waitForSelector('ringside-call-buttons[data-ringside-handle="person0"]');
      const shown = () => page.$$eval('ringside-call-buttons', (hosts) => hosts.map((h) => h.getAttribute('data-ringside-handle')));
      // Tweets far below the screen have none yet: they may never be seen.
      expect(await shown()).not.toContain('person39');
      await page.evaluate(() => document.querySelectorAll('article')[39]!.scrollIntoView());
      await page.waitForSelector('ringside-call-buttons[data-ringside-handle="person39"]', { timeout: 5_000 });
      const handles = await shown();
      expect(new Set(handles).size).toBe(handles.length);
    } finally {
      await page.close();
    }
  });

  it("follows X's theme when the reader switches it, on the buttons shown and the ones that come after", async () => {
    const page = await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), tweet('carol', 'Carol')]));
    const themes = () => page.$$eval('ringside-call-buttons', (hosts) => hosts.map((h) => h.getAttribute('data-theme')));
    const waitForThemes = (want: string[]) =>
      page
        .waitForFunction(
          (w: string) => JSON.stringify([...document.querySelectorAll('ringside-call-buttons')].map((h) => h.getAttribute('data-theme'))) === w,
          { timeout: 5_000 },
          JSON.stringify(want),
        )
        .catch(() => {});
    try {
      await expectHosts(page, [['tweet', 'bob'], ['tweet', 'carol']]);
      expect(await themes()).toEqual(['light', 'light']);
      // X's display settings write the new background on <body>; nothing else on the page changes.
      await page.evaluate(() => document.body.style.setProperty('background-color', 'rgb(21, 32, 43)'));
      await waitForThemes(['dim', 'dim']);
      expect(await themes()).toEqual(['dim', 'dim']);
      await page.evaluate((html: string) => document.querySelector('section > div')!.insertAdjacentHTML('beforeend', html), tweet('dave', 'Dave'));
      await expectHosts(page, [['tweet', 'bob'], ['tweet', 'carol'], ['tweet', 'dave']]);
      expect(await themes()).toEqual(['dim', 'dim', 'dim']);
      await page.evaluate(() => document.body.style.setProperty('background-color', 'rgb(0, 0, 0)'));
      await waitForThemes(['dark', 'dark', 'dark']);
      expect(await themes()).toEqual(['dark', 'dark', 'dark']);
    } finally {
      await page.close();
    }
  });

  it('adds a button to a hover card filled in after it appears, and none to the account switcher', async () => {
    const page = await open('https://x.com/home', withLayers('alice', '', ''));
    try {
      await expectHosts(page, []);
      await page.evaluate((card: string) => {
        const layers = document.getElementById('layers')!;
        const shell = document.createElement('div');
        shell.dataset.testid = 'HoverCard';
        layers.append(shell);
        const parsed = new DOMParser().parseFromString(card, 'text/html').querySelector('[data-testid="HoverCard"]')!;
        setTimeout(() => shell.append(...parsed.childNodes), 50);
      }, hoverCard('carol', 'Carol', '7'));
      await expectHosts(page, [['hovercard', 'carol']]);
      await page.evaluate(() => document.getElementById('layers')!.replaceChildren());
      await expectHosts(page, []);
      await page.evaluate((html: string) => document.getElementById('layers')!.insertAdjacentHTML('beforeend', html), hoverCard('dave', 'Dave', '8'));
      await expectHosts(page, [['hovercard', 'dave']]);
      await page.evaluate((html: string) => {
        const layers = document.getElementById('layers')!;
        layers.replaceChildren();
        layers.insertAdjacentHTML('beforeend', html);
      }, accountSwitcher(['alice', 'alice_work']));
      await expectHosts(page, []);
    } finally {
      await page.close();
    }
  });

  it('builds tweet buttons as tweets come near the viewport, not for rows far below', async () => {
    const spacer = '<div style="block-size: 6000px"></div>';
    const page = await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob'), spacer, tweet('carol', 'Carol')]));
    try {
      await expectHosts(page, [['tweet', 'bob']]);
      await page.evaluate(() => document.querySelectorAll('article')[1]!.scrollIntoView());
      await expectHosts(page, [['tweet', 'bob'], ['tweet', 'carol']]);
    } finally {
      await page.close();
    }
  });

  it('never opens the profile behind a user cell, by click or by keyboard', async () => {
    const page = await open('https://x.com/i/connect_people', timeline('alice', [userCell('bob', 'Bob', '5')]));
    try {
      await expectHosts(page, [['usercell', 'bob']]);
      await page.evaluate(() => {
        const cell = document.querySelector('[data-testid="UserCell"]')!;
        const w = window as { cellActivated?: number };
        w.cellActivated = 0;
        cell.addEventListener('click', (e) => {
          e.preventDefault();
          w.cellActivated!++;
        });
        cell.addEventListener('keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') w.cellActivated!++;
        });
      });
      const button = await page.waitForSelector('pierce/[data-testid="ringside-call-audio"]');
      await button!.click();
      await button!.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      expect(await page.evaluate(() => (window as { cellActivated?: number }).cellActivated)).toBe(0);
      // The cell itself still works: only our buttons are shielded.
      await page.click('[data-testid="UserCell"] a[href="/bob"]:not([tabindex])');
      expect(await page.evaluate(() => (window as { cellActivated?: number }).cellActivated)).toBe(1);
    } finally {
      await page.close();
    }
  });
});

describe('the choice behind a tweet’s call button', () => {
  it('opens under the button, moves with the arrow keys, closes on Escape and gives focus back', async () => {
    const page = await open('https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]));
    try {
      await expectHosts(page, [['tweet', 'bob']]);
      const trigger = (await page.waitForSelector('pierce/[data-testid="ringside-call-menu"]'))!;
      // Only what shows: Add to contacts and Block stay hidden until the background says where Bob stands.
      const items = () =>
        page.$$eval('ringside-call-buttons', (hosts) =>
          [...(hosts[0]!.shadowRoot?.querySelectorAll('[role="menu"]:popover-open [role="menuitem"]:not([hidden])') ?? [])].map((el) => [el.getAttribute('data-testid'), el.textContent]),
        );
      const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-testid') ?? null);
      expect(await trigger.evaluate((el) => el.getAttribute('aria-expanded'))).toBe('false');

      await trigger.focus();
      await page.keyboard.press('Enter');
      expect(await items()).toEqual([
        ['ringside-call-audio', 'Audio call with @bob'],
        ['ringside-call-video', 'Video call with @bob'],
      ]);
      expect(await trigger.evaluate((el) => el.getAttribute('aria-expanded'))).toBe('true');
      expect(await focused()).toBe('ringside-call-audio');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('ringside-call-video');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('ringside-call-audio');
      // X's own keys stay quiet while the menu has them: the page does not scroll on the arrows.
      expect(await page.evaluate(() => scrollY)).toBe(0);

      await page.keyboard.press('Escape');
      expect(await items()).toEqual([]);
      expect(await focused()).toBe('ringside-call-menu');
      expect(await trigger.evaluate((el) => el.getAttribute('aria-expanded'))).toBe('false');

      // By mouse too, and a click elsewhere closes it.
      await trigger.click();
      expect((await items()).length).toBe(2);
      const menuBox = await page.$eval('ringside-call-buttons', (h) => {
        const r = h.shadowRoot!.querySelector('[role="menu"]')!.getBoundingClientRect();
        return { top: r.top, left: r.left };
      });
      const triggerBox = (await trigger.boundingBox())!;
      expect(menuBox.top).toBeGreaterThanOrEqual(triggerBox.y + triggerBox.height);
      expect(Math.abs(menuBox.left - triggerBox.x)).toBeLessThan(2);
      await page.mouse.click(5, 5);
      expect(await items()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('in the browser’s language', () => {
  it('labels the buttons in French for a French browser, whatever language X is shown in', async () => {
    const french = await launch('francais', 'fr');
    try {
      const page = await openX(french, 'https://x.com/home', timeline('alice', [tweet('bob', 'Bob')], { lang: 'ja' }));
      await contentScriptRan(page, french.extensionId);
      const trigger = await page.waitForSelector('pierce/[data-testid="ringside-call-menu"]');
      expect(await trigger!.evaluate((el) => el.getAttribute('aria-label'))).toBe('Appeler @bob');
      // Reachable by keyboard: a real button in the tab order.
      expect(await trigger!.evaluate((el) => (el as HTMLButtonElement).tabIndex)).toBe(0);
      await trigger!.click();
      const audio = await page.waitForSelector('pierce/[data-testid="ringside-call-audio"]');
      expect(await audio!.evaluate((el) => el.textContent)).toBe('Appel audio avec @bob');
    } finally {
      await french.close();
    }
  });
});

describe('the cost X pays while it adds tweets', () => {
  it('compiles the content script when it loads, never inside the calls X’s changes make', async () => {
    const page = await openX(person, 'https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]), (p) =>
      p.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-v8.compile'] }),
    );
    try {
      await page.waitForSelector('ringside-call-buttons[data-ringside-handle="bob"]');
      // X appends a row: its observers run again, and the tweet button is built for it.
      await page.evaluate((row: string) => document.querySelector('article')!.parentElement!.insertAdjacentHTML('beforeend', row), tweet('carol', 'Carol'));
      await page.waitForSelector('ringside-call-buttons[data-ringside-handle="carol"]');
      const { calls, compiling } = extensionCallsCompiling((await page.tracing.stop())!);
      expect(calls).toBeGreaterThanOrEqual(4);
      expect(compiling).toBe(0);
    } finally {
      await page.close();
    }
  });
});
