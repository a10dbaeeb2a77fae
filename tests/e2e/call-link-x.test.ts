import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { profileLoggedIn } from '../fixtures/x/pages';
import { timeline, tweet } from '../fixtures/x/people-pages';
import type { Person } from './harness/chromium';
import { logInToX, signInWithX } from './harness/sign-in';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';

let standIn: XStandIn;
let server: RunningServer;
let alice: Person | undefined;

beforeAll(async () => {
  standIn = await startXStandIn();
  server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env });
});
afterAll(async () => {
  await alice?.close();
  await server.close();
  await standIn.close();
});

const inHost = (handle: string, testid: string) => `ringside-call-buttons[data-ringside-handle="${handle}"] >>> [data-testid="${testid}"]`;

/** Opens a menu by keyboard until it offers "Create a call link" (its items wait for the background's word that Alice is signed in). */
async function openLinkItem(tab: Page, handle: string, trigger: string) {
  for (let attempt = 1; ; attempt++) {
    await (await tab.waitForSelector(inHost(handle, trigger)))!.focus();
    await tab.keyboard.press('Enter');
    const item = await tab.waitForSelector(`${inHost(handle, 'ringside-link-for')}:not([hidden])`, { timeout: 8_000 }).catch(() => null);
    if (item) return item;
    if (attempt === 3) throw new Error(`the ${trigger} menu never offered a call link`);
    await tab.keyboard.press('Escape');
  }
}

/** The link the menu says it made ("Call link for @bob: <url>"). */
async function madeLink(tab: Page, handle: string): Promise<string> {
  const note = await tab.waitForFunction(
    (h) => {
      const text = document.querySelector(`ringside-call-buttons[data-ringside-handle="${h}"]`)?.shadowRoot?.querySelector('.link-note')?.textContent ?? '';
      return /https?:\/\/\S+\/c\/[A-Za-z0-9_-]{32}/.exec(text)?.[0];
    },
    { timeout: 15_000 },
    handle,
  );
  return (await note.jsonValue()) as string;
}

describe('call links from the buttons on X', () => {
  it('Alice makes a link for @bob on his profile and sends it by DM to his X id; for a tweet’s author with no id on the page she copies it', { timeout: 120_000 }, async () => {
    standIn.setUser({ id: '7101', username: 'alice', name: 'Alice' });
    alice = await launch('alice');
    await logInToX(alice, standIn, '7101');
    await (await signInWithX(alice, 'alice')).close();

    const profile = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob', '90210'));
    await profile.bringToFront();
    const create = await openLinkItem(profile, 'bob', 'ringside-more');
    expect(await create.evaluate((el) => [el.textContent, el.getAttribute('role')])).toEqual(['Create a call link for @bob', 'menuitem']);
    // Reached by keyboard: End goes to the menu's last item, this one.
    await profile.keyboard.press('End');
    expect(await create.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await profile.keyboard.press('Enter');
    const link = await madeLink(profile, 'bob');
    expect(link).toMatch(new RegExp(`^${server.url}/c/[A-Za-z0-9_-]{32}$`));

    const dm = (await profile.waitForSelector(`${inHost('bob', 'ringside-link-dm')}:not([hidden])`))!;
    const box = await dm.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return { focused: (el.getRootNode() as ShadowRoot).activeElement === el, text: el.textContent, height: rect.height, width: rect.width };
    });
    expect(box).toMatchObject({ focused: true, text: 'Send by DM to @bob' });
    expect(Math.min(box.height, box.width)).toBeGreaterThanOrEqual(24);
    const composer = alice.browser.waitForTarget((target) => target.url().startsWith('https://x.com/messages/compose'), { timeout: 10_000 });
    await profile.keyboard.press('Enter');
    const opened = new URL((await composer).url());
    expect(opened.searchParams.get('recipient_id')).toBe('90210');
    expect(opened.searchParams.get('text')).toBe(link);

    const home = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('dana', 'Dana')]));
    await alice.browser.defaultBrowserContext().overridePermissions('https://x.com', ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    await home.bringToFront();
    await openLinkItem(home, 'dana', 'ringside-call-menu');
    await home.keyboard.press('End');
    await home.keyboard.press('Enter');
    const copied = await madeLink(home, 'dana');
    expect(copied).not.toBe(link);
    expect(await home.$(`${inHost('dana', 'ringside-link-dm')}:not([hidden])`)).toBeNull();
    const copy = (await home.waitForSelector(`${inHost('dana', 'ringside-link-copy')}:not([hidden])`))!;
    expect(await copy.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await home.keyboard.press('Enter');
    await home.waitForFunction(
      () => document.querySelector('ringside-call-buttons[data-ringside-handle="dana"]')?.shadowRoot?.querySelector('.link-note')?.textContent?.startsWith('Link copied'),
      { timeout: 5_000 },
    );
    expect(await home.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  });
});
