import type { ReachChange } from '../../../lib/messages/runtime-messages';
import { toBackground } from '../to-background';
import { i18n } from './i18n';

/** The profile's extra button: a menu with Add to contacts and Block only (its row already has call buttons). */
export const MORE_TRIGGER_TESTID = 'ringside-more';

export function moreTrigger(): HTMLElement {
  const trigger = document.createElement('button');
  trigger.type = 'button';
  trigger.dataset.testid = MORE_TRIGGER_TESTID;
  trigger.setAttribute('aria-haspopup', 'menu');
  trigger.setAttribute('aria-expanded', 'false');
  trigger.textContent = '⋯';
  return trigger;
}

type Kind = 'contact' | 'block';
const WORDS = {
  contact: ['contactAddMenu', 'contactRemoveMenu'],
  block: ['blockMenu', 'unblockMenu'],
} as const;

/**
 * "Add to contacts" / "Remove from contacts" and "Block" / "Unblock" in a menu: hidden until the background
 * says where the person stands (it cannot be known in the page), and left hidden when nobody is signed in.
 */
export function appendReachItems(menu: HTMLElement): void {
  for (const kind of ['contact', 'block'] as const) {
    const item = document.createElement('button');
    item.type = 'button';
    item.tabIndex = -1;
    item.hidden = true;
    item.setAttribute('role', 'menuitem');
    item.dataset.testid = `ringside-${kind}-toggle`;
    item.dataset.reach = kind;
    menu.append(item);
  }
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.className = 'reach-note';
  menu.append(note);
}

/** Asks the background where `handle` stands and labels the items by it; true when someone is signed in. */
export async function refreshReachItems(menu: HTMLElement, handle: string): Promise<boolean> {
  const standing = await toBackground({ type: 'reach.of', handle });
  for (const item of menu.querySelectorAll<HTMLElement>('[data-reach]')) {
    const kind = item.dataset.reach as Kind;
    if (!standing) {
      item.hidden = true;
      continue;
    }
    const on = kind === 'contact' ? standing.contact : standing.blocked;
    item.dataset.on = String(on);
    item.textContent = i18n.t(WORDS[kind][on ? 1 : 0]);
    item.hidden = false;
  }
  return standing !== null;
}

/** A person's own click on an item: the change goes to the server, then the items show the new standing, or the words of a refusal. */
export async function actOnReachItem(menu: HTMLElement, item: HTMLElement, handle: string): Promise<void> {
  const on = item.dataset.on === 'true';
  const change: ReachChange =
    item.dataset.reach === 'contact' ? { type: on ? 'contact.remove' : 'contact.add', handle } : { type: on ? 'unblock' : 'block', handle };
  const result = await toBackground({ type: 'reach.change', change });
  const note = menu.querySelector<HTMLElement>('.reach-note');
  if (note) note.textContent = result?.ok ? '' : i18n.t(result?.reason === 'limited' ? 'reachLimited' : 'reachOffline');
  if (result?.ok) await refreshReachItems(menu, handle);
}
