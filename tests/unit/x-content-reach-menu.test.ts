// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://x.com/home"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actOnReachItem, appendReachItems, refreshReachItems } from '../../entrypoints/x.content/core/reach-items';
import { background } from './x-content-page';

vi.mock('../../entrypoints/x.content/to-background', async () => (await import('./x-content-page')).toBackgroundModule);
vi.mock('../../entrypoints/x.content/core/i18n', async () => (await import('./x-content-page')).i18nModule);

afterEach(() => {
  background.answer = () => undefined;
  background.sent.length = 0;
});

const items = (menu: HTMLElement) => [...menu.querySelectorAll<HTMLElement>('[data-reach]')].map((item) => [item.dataset.testid, item.hidden ? null : item.textContent]);
const item = (menu: HTMLElement, kind: string) => menu.querySelector<HTMLElement>(`[data-reach="${kind}"]`)!;

/** The menu's part is tested apart: happy-dom has no popover (the browser suite opens the real menu). */
describe('Add to contacts and Block on X', () => {
  it('are labelled by where the person stands, asked of the background; hidden while nobody is signed in', async () => {
    const menu = document.createElement('div');
    appendReachItems(menu);
    expect(items(menu)).toEqual([['ringside-contact-toggle', null], ['ringside-block-toggle', null]]);
    background.answer = (message) => (message.type === 'reach.of' ? { contact: true, blocked: false } : undefined);
    await refreshReachItems(menu, 'bob');
    expect(background.sent).toEqual([{ type: 'reach.of', handle: 'bob' }]);
    expect(items(menu)).toEqual([['ringside-contact-toggle', 'contactRemoveMenu'], ['ringside-block-toggle', 'blockMenu']]);
    background.answer = () => null;
    await refreshReachItems(menu, 'bob');
    expect(items(menu)).toEqual([['ringside-contact-toggle', null], ['ringside-block-toggle', null]]);
  });

  it('an item asks for the opposite of the standing it shows, then shows the new one, or the words of a refusal', async () => {
    const menu = document.createElement('div');
    appendReachItems(menu);
    let standing = { contact: false, blocked: false };
    background.answer = (message) => {
      if (message.type === 'reach.of') return standing;
      if (message.type === 'reach.change') return message.change.type === 'block' ? { ok: false, reason: 'limited' } : { ok: true };
      return undefined;
    };
    await refreshReachItems(menu, 'bob');
    standing = { contact: true, blocked: false };
    await actOnReachItem(menu, item(menu, 'contact'), 'bob');
    expect(background.sent).toContainEqual({ type: 'reach.change', change: { type: 'contact.add', handle: 'bob' } });
    expect(items(menu)[0]).toEqual(['ringside-contact-toggle', 'contactRemoveMenu']);
    await actOnReachItem(menu, item(menu, 'block'), 'bob');
    expect(background.sent).toContainEqual({ type: 'reach.change', change: { type: 'block', handle: 'bob' } });
    expect(menu.querySelector('[role="alert"]')!.textContent).toBe('reachLimited');
  });
});
