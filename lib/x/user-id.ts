import { findProfilePlacement, profileHandleOfPage } from './profile-header';
import { X } from './selectors';

const FOLLOW_TESTID = /^(\d{1,20})-(?:un)?follow$/;

function followIdIn(scope: ParentNode | null | undefined): string | null {
  return scope?.querySelector(X.followButton)?.getAttribute('data-testid')?.match(FOLLOW_TESTID)?.[1] ?? null;
}

/**
 * The X user id of `handle`, for "Send by DM", where the page shows it beside our menus: the follow button
 * of the profile header when this is that person's profile (a tweet's author elsewhere has none on the
 * page). Read only when asked, and nothing else of the page; null elsewhere (then: copy).
 */
export function userIdNear(host: Element, handle: string, pathname: string): string | null {
  if (profileHandleOfPage(pathname)?.toLowerCase() !== handle.toLowerCase()) return null;
  return followIdIn(findProfilePlacement(host.ownerDocument, pathname, null)?.before.parentElement);
}

/** X's DM composer to `userId` with `text` typed in (docs.x.com, "Direct Message button"). */
export function dmComposeUrl(origin: string, userId: string, text: string): string {
  // encodeURIComponent, not URLSearchParams: a space is %20 as X's own examples write it, never `+`.
  return `${new URL('/messages/compose', origin).href}?recipient_id=${encodeURIComponent(userId)}&text=${encodeURIComponent(text)}`;
}
