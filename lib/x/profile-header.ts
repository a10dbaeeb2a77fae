import { handleFromPath } from './profile-handle';
import { X } from './selectors';

export interface ProfilePlacement {
  handle: string;
  /** Our buttons go just before this element, inside X's own button row. */
  before: Element;
}

/** The tabs of a profile page, which all show its header; `/bob/status/1` or `/bob/followers` do not. */
const PROFILE_TABS = new Set(['', 'with_replies', 'media', 'likes', 'highlights', 'articles', 'superfollows']);

/** The person whose profile header this URL shows, or null when it shows none. */
export function profileHandleOfPage(pathname: string): string | null {
  const [, , tab = '', ...rest] = pathname.split('/');
  if (rest.length > 1 || (rest.length === 1 && rest[0] !== '') || !PROFILE_TABS.has(tab)) return null;
  return handleFromPath(pathname);
}

/** How far above the name the header's button row can sit; the saved pages need four. */
const HEADER_DEPTH = 6;

/**
 * Where the call buttons go on a profile page: beside Message/Follow, for anyone but yourself.
 * The handle comes from the URL, which X keeps in step with the header it shows.
 */
export function findProfilePlacement(root: ParentNode, pathname: string, self: string | null): ProfilePlacement | null {
  const handle = profileHandleOfPage(pathname);
  if (!handle || handle === self) return null;
  const name = root.querySelector(X.profileName);
  if (!name) return null;
  let scope: Element | null = name.parentElement;
  for (let depth = 0; scope && depth < HEADER_DEPTH; depth++, scope = scope.parentElement) {
    if (scope.querySelector(X.ownProfile)) return null;
    const before = scope.querySelector(X.profileActionsLoggedIn) ?? scope.querySelector(X.profileActionsLoggedOut);
    if (before?.parentElement) return { handle, before };
  }
  return null;
}
