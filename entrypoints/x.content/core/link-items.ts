import { dmComposeUrl, userIdNear } from '../../../lib/x/user-id';
import { toBackground } from '../to-background';
import { i18n } from './i18n';

export const LINK_FOR_TESTID = 'ringside-link-for';
export const LINK_DM_TESTID = 'ringside-link-dm';
export const LINK_COPY_TESTID = 'ringside-link-copy';

type Step = 'create' | 'dm' | 'copy';

/** The link each menu made, with the person's X user id when the page showed it: kept here, not in the open shadow DOM's attributes. */
const made = new WeakMap<HTMLElement, { url: string; userId: string | null }>();

function item(step: Step, testid: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.tabIndex = -1;
  button.hidden = true;
  button.setAttribute('role', 'menuitem');
  button.dataset.testid = testid;
  button.dataset.link = step;
  return button;
}

/**
 * "Create a call link for @bob", then "Send by DM" (where the page shows the person's X user id) and
 * "Copy link": hidden until the background says someone is signed in (a link needs an account).
 */
export function appendLinkItems(menu: HTMLElement): void {
  const note = document.createElement('p');
  note.setAttribute('role', 'status');
  note.className = 'link-note';
  menu.append(item('create', LINK_FOR_TESTID), item('dm', LINK_DM_TESTID), item('copy', LINK_COPY_TESTID), note);
}

/** Labels the items for `handle`, shown when someone is signed in; what a made link offers stays. */
export function showLinkItems(menu: HTMLElement, handle: string, signedIn: boolean): void {
  const create = menu.querySelector<HTMLElement>('[data-link="create"]');
  if (!create) return;
  create.textContent = i18n.t('linkFor', [handle]);
  // One link per menu: a second click must not mint another.
  create.hidden = !signedIn || made.has(menu);
}

function noteOf(menu: HTMLElement): HTMLElement {
  return menu.querySelector<HTMLElement>('.link-note')!;
}

/** A person's own click on one of the items (call-button-input.ts checks that it is theirs). */
export async function actOnLinkItem(host: HTMLElement, item: HTMLElement, handle: string): Promise<void> {
  const menu = item.parentElement!;
  const link = made.get(menu);
  switch (item.dataset.link) {
    case 'create':
      return create(host, menu, handle);
    case 'dm':
      // A new tab: the person keeps the page they were on, and X's composer opens with the link typed in.
      if (link?.userId) window.open(dmComposeUrl(location.origin, link.userId, link.url), '_blank', 'noopener');
      return;
    case 'copy':
      if (!link) return;
      try {
        await navigator.clipboard.writeText(link.url);
        noteOf(menu).textContent = i18n.t('linkCopiedFor', [handle]);
      } catch {
        noteOf(menu).textContent = i18n.t('linkCopyFailed', [link.url]);
      }
  }
}

async function create(host: HTMLElement, menu: HTMLElement, handle: string): Promise<void> {
  const created = await toBackground({ type: 'link.create' });
  const note = noteOf(menu);
  if (!created) {
    note.textContent = i18n.t('linkFailed');
    return;
  }
  const userId = userIdNear(host, handle, location.pathname);
  made.set(menu, { url: created.url, userId });
  const dm = menu.querySelector<HTMLElement>('[data-link="dm"]')!;
  const copy = menu.querySelector<HTMLElement>('[data-link="copy"]')!;
  dm.textContent = i18n.t('linkSendDm', [handle]);
  dm.hidden = userId === null;
  copy.textContent = i18n.t('linkCopyItem');
  copy.hidden = false;
  menu.querySelector<HTMLElement>('[data-link="create"]')!.hidden = true;
  note.textContent = i18n.t('linkMadeFor', [handle, created.url]);
  (userId === null ? copy : dm).focus();
}
