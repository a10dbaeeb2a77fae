// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actOnLinkItem, appendLinkItems, showLinkItems } from '../../entrypoints/x.content/core/link-items';
import { dmComposeUrl } from '../../lib/x/user-id';
import { profileLoggedIn } from '../fixtures/x/pages';
import { background, openX } from './x-content-page';

vi.mock('../../entrypoints/x.content/to-background', async () => (await import('./x-content-page')).toBackgroundModule);
vi.mock('../../entrypoints/x.content/core/i18n', async () => (await import('./x-content-page')).i18nModule);
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const LINK = 'http://127.0.0.1:8787/c/abcdefghijklmnopqrstuvwxyz012-_A';

afterEach(() => {
  background.answer = () => undefined;
  background.sent.length = 0;
  vi.restoreAllMocks();
});

/** The profile's host with a menu in its shadow root, as call-menu.ts builds it (happy-dom has no popover to open it). */
async function menuOnProfile(html: string, path = '/bob') {
  await openX(`https://x.com${path}`, html);
  const host = document.querySelector<HTMLElement>('ringside-call-buttons[data-ringside-place="profile"]');
  expect(host, 'the profile row has our buttons').not.toBeNull();
  const menu = document.createElement('div');
  host!.shadowRoot!.append(menu);
  appendLinkItems(menu);
  return { host: host!, menu };
}

const shown = (menu: HTMLElement) => [...menu.querySelectorAll<HTMLElement>('[data-link]')].filter((item) => !item.hidden).map((item) => [item.dataset.testid, item.textContent]);
const item = (menu: HTMLElement, step: string) => menu.querySelector<HTMLElement>(`[data-link="${step}"]`)!;

describe('Create a call link for @bob, from the buttons on X', () => {
  it('is offered only to someone signed in, and labelled with the person', async () => {
    const { menu } = await menuOnProfile(profileLoggedIn('alice', 'bob', 'Bob', '4242'));
    showLinkItems(menu, 'bob', false);
    expect(shown(menu)).toEqual([]);
    showLinkItems(menu, 'bob', true);
    expect(shown(menu)).toEqual([['ringside-link-for', 'linkFor bob']]);
  });

  it('mints a link through the background, then sends it by DM to the user id of the follow button beside it', async () => {
    const { host, menu } = await menuOnProfile(profileLoggedIn('alice', 'bob', 'Bob', '4242'));
    showLinkItems(menu, 'bob', true);
    background.answer = (message) => (message.type === 'link.create' ? { url: LINK, expiresAt: Date.now() + 86_400_000 } : undefined);
    await actOnLinkItem(host, item(menu, 'create'), 'bob');
    expect(background.sent).toContainEqual({ type: 'link.create' });
    expect(shown(menu)).toEqual([
      ['ringside-link-dm', 'linkSendDm bob'],
      ['ringside-link-copy', 'linkCopyItem'],
    ]);
    expect(host.shadowRoot!.activeElement).toBe(item(menu, 'dm'));
    expect(menu.querySelector('[role="status"]')!.textContent).toBe(`linkMadeFor bob ${LINK}`);
    // Reopening the menu does not offer a second link.
    showLinkItems(menu, 'bob', true);
    expect(item(menu, 'create').hidden).toBe(true);

    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    await actOnLinkItem(host, item(menu, 'dm'), 'bob');
    expect(open).toHaveBeenCalledWith(`https://x.com/messages/compose?recipient_id=4242&text=${encodeURIComponent(LINK)}`, '_blank', 'noopener');
  });

  it('offers Copy alone where the page shows no user id (another person’s profile), and copies the link', async () => {
    const { host, menu } = await menuOnProfile(profileLoggedIn('alice', 'bob', 'Bob', '4242'));
    // The same buttons, said to be for someone this profile is not: no id of theirs is on the page.
    background.answer = () => ({ url: LINK, expiresAt: Date.now() + 86_400_000 });
    await actOnLinkItem(host, item(menu, 'create'), 'carol');
    expect(shown(menu)).toEqual([['ringside-link-copy', 'linkCopyItem']]);
    expect(host.shadowRoot!.activeElement).toBe(item(menu, 'copy'));

    const write = vi.fn(async () => {});
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText: write } as unknown as Clipboard);
    await actOnLinkItem(host, item(menu, 'copy'), 'carol');
    expect(write).toHaveBeenCalledWith(LINK);
    expect(menu.querySelector('[role="status"]')!.textContent).toBe('linkCopiedFor carol');
  });

  it('says so when no link could be made', async () => {
    const { host, menu } = await menuOnProfile(profileLoggedIn('alice', 'bob', 'Bob', '4242'));
    background.answer = () => null;
    await actOnLinkItem(host, item(menu, 'create'), 'bob');
    expect(shown(menu)).toEqual([]);
    expect(menu.querySelector('[role="status"]')!.textContent).toBe('linkFailed');
  });
});

describe('X’s DM composer URL', () => {
  it('carries the recipient id and the text, percent-encoded', () => {
    expect(dmComposeUrl('https://x.com', '101198215', 'a b&c')).toBe('https://x.com/messages/compose?recipient_id=101198215&text=a%20b%26c');
  });
});
