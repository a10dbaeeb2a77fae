import { handleFromHref } from './profile-handle';
import { profileHandlesIn } from './person-handle';
import { X } from './selectors';

export interface DmPlacement {
  handle: string;
  /** The buttons are appended to this element: the header row, or the older header's avatar row. */
  parent: Element;
}

/**
 * A one-to-one conversation's id is the two account ids joined by a dash (`/i/chat/12-34`,
 * `/messages/12-34`); a group's is a single id (`g…` in the current interface). Groups get no button.
 */
const ONE_TO_ONE = /^\/(?:i\/chat|messages)\/\d+-\d+\/?$/;

export function isOneToOneConversation(pathname: string): boolean {
  return ONE_TO_ONE.test(pathname);
}

/** Where the call buttons go in a one-to-one DM, in the current interface first, else the older one. */
export function findDmPlacement(root: ParentNode, pathname: string, self: string | null): DmPlacement | null {
  if (!isOneToOneConversation(pathname)) return null;
  const header = root.querySelector(X.dmHeader);
  if (header) {
    const others = [...profileHandlesIn(header)].filter((h) => h !== self);
    return others.length === 1 ? { handle: others[0]!, parent: header } : null;
  }
  const panel = root.querySelector(X.dmLegacyPanel);
  if (!panel) return null;
  for (const avatar of panel.querySelectorAll(X.dmLegacyAvatar)) {
    if (avatar.closest(X.dmLegacyMessages)) continue;
    const handle = handleFromHref(avatar.getAttribute('href') ?? avatar.querySelector('a[href]')?.getAttribute('href'));
    if (!handle || handle === self || !avatar.parentElement) return null;
    return { handle, parent: avatar.parentElement };
  }
  return null;
}
