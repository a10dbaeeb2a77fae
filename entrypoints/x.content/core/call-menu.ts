import { i18n } from './i18n';
import { Media } from '../../../lib/protocol/wire';
import { icon, iconUrl } from './icons';
import { appendReachItems, MORE_TRIGGER_TESTID, refreshReachItems } from './reach-items';
import { appendLinkItems, showLinkItems } from './link-items';

export const MENU_TRIGGER_TESTID = 'ringside-call-menu';

/**
 * The audio/video choice behind a compact placement's one button, with Add to contacts and Block (the
 * profile's extra button opens those two alone): a popover (top layer, so no tweet's
 * overflow clips it; a click elsewhere closes it), built the first time it opens, with the keys people
 * expect of a menu button.
 */
export const MENU_CSS = `
[data-testid="${MENU_TRIGGER_TESTID}"]::before { content: ""; inline-size: 1rem; block-size: 1rem; background: currentColor;
  -webkit-mask: ${iconUrl('phone')} center / contain no-repeat; mask: ${iconUrl('phone')} center / contain no-repeat; }
[role="menu"] { position: fixed; inset: auto; margin: 0; padding: 0.25rem; min-inline-size: 10rem;
  border: 1px solid var(--line); border-radius: 0.75rem; background: var(--bg); color: var(--fg);
  box-shadow: 0 0.25rem 1rem rgba(0, 0, 0, 0.2); font: inherit; }
:host [role="menu"] [role="menuitem"] { inline-size: 100%; block-size: auto; display: flex; gap: 0.75rem; align-items: center;
  justify-content: flex-start; padding: 0.5rem 0.75rem; border: 0; border-radius: 0.5rem; opacity: 1; font: inherit; text-align: start; }
:host [role="menu"] [role="menuitem"]:focus-visible { outline-offset: -2px; }
:host [role="menu"] [role="menuitem"][hidden] { display: none; }
.reach-note, .link-note { margin: 0; padding: 0 0.75rem; max-inline-size: 14rem; overflow-wrap: anywhere; }
.reach-note:empty, .link-note:empty { display: none; }
`;

function menuIn(root: ShadowRoot): HTMLElement | null {
  return root.querySelector<HTMLElement>('[role="menu"]');
}

function itemsOf(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]:not([hidden])')];
}

function buildMenu(root: ShadowRoot, trigger: HTMLElement, handle: string): HTMLElement {
  const menu = document.createElement('div');
  menu.setAttribute('role', 'menu');
  menu.popover = 'auto';
  menu.setAttribute('aria-label', trigger.getAttribute('aria-label') ?? '');
  const calls = trigger.dataset.testid !== MORE_TRIGGER_TESTID;
  for (const media of calls ? Media.options : []) {
    const item = document.createElement('button');
    item.type = 'button';
    item.tabIndex = -1;
    item.setAttribute('role', 'menuitem');
    item.dataset.testid = `ringside-call-${media}`;
    item.dataset.media = media;
    const text = document.createElement('span');
    text.textContent = i18n.t(media === 'audio' ? 'callAudio' : 'callVideo', [handle]);
    item.append(icon(media === 'audio' ? 'phone' : 'video'), text);
    menu.append(item);
  }
  appendReachItems(menu);
  appendLinkItems(menu);
  // beforetoggle fires synchronously, on light dismiss too (toggle comes a task later).
  menu.addEventListener('beforetoggle', (event) => {
    trigger.setAttribute('aria-expanded', String((event as ToggleEvent).newState === 'open'));
  });
  root.append(menu);
  return menu;
}

/** Beside the button, on the side the page reads from, kept inside the window. */
function position(menu: HTMLElement, trigger: HTMLElement, rtl: boolean) {
  const anchor = trigger.getBoundingClientRect();
  const margin = 4;
  const left = rtl ? anchor.right - menu.offsetWidth : anchor.left;
  const below = anchor.bottom + margin;
  const top = below + menu.offsetHeight > innerHeight ? anchor.top - margin - menu.offsetHeight : below;
  menu.style.left = `${Math.max(margin, Math.min(left, innerWidth - menu.offsetWidth - margin))}px`;
  menu.style.top = `${Math.max(margin, top)}px`;
}

/** Opens the choice (focus on its first item, as a menu button does), or closes it if open. */
export function toggleCallMenu(host: HTMLElement, trigger: HTMLElement): void {
  const root = host.shadowRoot!;
  const open = menuIn(root);
  if (open?.matches(':popover-open')) return open.hidePopover();
  const handle = host.dataset.ringsideHandle!;
  const menu = open ?? buildMenu(root, trigger, handle);
  menu.showPopover();
  position(menu, trigger, getComputedStyle(host).direction === 'rtl');
  itemsOf(menu)[0]?.focus();
  // Where the person stands may have changed since the menu was last open (the popup, another tab).
  void refreshReachItems(menu, handle).then((signedIn) => {
    showLinkItems(menu, handle, signedIn);
    if (!menu.matches(':popover-open')) return;
    position(menu, trigger, getComputedStyle(host).direction === 'rtl');
    if (!root.activeElement) itemsOf(menu)[0]?.focus();
  });
}

/** The host now names someone else (X recycled its row): a choice built for the last person goes. */
export function closeCallMenu(host: HTMLElement): void {
  const root = host.shadowRoot;
  const menu = root && root.lastElementChild?.getAttribute('role') === 'menu' ? (root.lastElementChild as HTMLElement) : null;
  menu?.remove();
}

/** Arrow keys, Home and End move between the items; Escape closes; Tab leaves it closed. True when handled. */
export function menuKey(host: HTMLElement, key: string): boolean {
  const root = host.shadowRoot;
  const menu = root ? menuIn(root) : null;
  if (!root || !menu?.matches(':popover-open')) return false;
  if (key === 'Tab') {
    menu.hidePopover();
    return false;
  }
  if (key === 'Escape') {
    closeAndRefocus(root, menu);
    return true;
  }
  const items = itemsOf(menu);
  const at = items.indexOf(root.activeElement as HTMLElement);
  const next =
    key === 'ArrowDown' ? (at + 1) % items.length
    : key === 'ArrowUp' ? (at - 1 + items.length) % items.length
    : key === 'Home' ? 0
    : key === 'End' ? items.length - 1
    : -1;
  if (next < 0) return false;
  items[next]!.focus();
  return true;
}

/** Once a call starts from the choice, the choice goes away. */
export function hideCallMenu(host: HTMLElement): void {
  const root = host.shadowRoot;
  const menu = root ? menuIn(root) : null;
  if (root && menu?.matches(':popover-open')) closeAndRefocus(root, menu);
}

/** Focus goes back to the button that opened the menu, as a menu button's does. */
function closeAndRefocus(root: ShadowRoot, menu: HTMLElement) {
  menu.hidePopover();
  root.querySelector<HTMLElement>(`[data-testid="${MENU_TRIGGER_TESTID}"], [data-testid="${MORE_TRIGGER_TESTID}"]`)?.focus();
}
