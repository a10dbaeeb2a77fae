import { normalizeHandle } from '../protocol/handle';

/** First path segments that are X's own pages, never a person. */
const RESERVED = new Set([
  'home', 'explore', 'notifications', 'messages', 'i', 'settings', 'search', 'compose', 'login',
  'logout', 'signup', 'tos', 'privacy', 'about', 'jobs', 'download', 'account', 'intent', 'share',
  'hashtag', 'lists', 'bookmarks', 'communities', 'premium', 'verified-choose', 'topics',
  'connect_people', 'onboarding', 'oauth', 'sw.js', 'flow',
]);

/** The handle a profile URL path names (`/bob`, `/Bob/with_replies`), or null for X's own pages. */
export function handleFromPath(pathname: string): string | null {
  const first = pathname.split('/')[1] ?? '';
  if (RESERVED.has(first.toLowerCase())) return null;
  return normalizeHandle(first);
}

/** Same, from an `href` attribute that may be relative or absolute. */
export function handleFromHref(href: string | null | undefined): string | null {
  if (!href) return null;
  // X's own links are root-relative: read them without the cost of a URL object (a timeline has thousands).
  if (href.startsWith('/') && !href.startsWith('//')) return handleFromPath(href.replace(/[?#].*$/, ''));
  try {
    return handleFromPath(new URL(href, 'https://x.com').pathname);
  } catch {
    return null;
  }
}

/**
 * The handle a link to a person's profile names (`/bob`, `/Bob/`, `/bob?s=20`, `https://x.com/bob`), or
 * null for any other link (`/bob/status/1`, `/search`, another site). Runs for every author link a
 * timeline shows: X's own root-relative links are read character by character, without a regular
 * expression, a URL object or a split; anything unusual takes the general path.
 */
export function profileLinkHandle(href: string): string | null {
  if (href.charCodeAt(0) === SLASH && href.charCodeAt(1) !== SLASH) {
    const length = handleRun(href, 1);
    const end = 1 + length;
    const after = end === href.length ? -1 : href.charCodeAt(end);
    if (length > 0 && (after === -1 || after === SLASH || after === QUERY || after === FRAGMENT)) {
      if (after === SLASH && !endsPath(href, end + 1)) return null;
      if (length > MAX_HANDLE) return null;
      const handle = href.slice(1, end).toLowerCase();
      return RESERVED.has(handle) ? null : handle;
    }
  }
  const handle = handleFromHref(href);
  return handle && isProfileHref(href) ? handle : null;
}

const SLASH = 47;
const QUERY = 63;
const FRAGMENT = 35;
const MAX_HANDLE = 15;

/** How many handle characters ([A-Za-z0-9_]) `s` has from `start`. */
function handleRun(s: string, start: number): number {
  let i = start;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) break;
  }
  return i - start;
}

/** Whether the path ends at `i`: the end of the link, its query or its fragment. */
function endsPath(s: string, i: number): boolean {
  return i === s.length || s.charCodeAt(i) === QUERY || s.charCodeAt(i) === FRAGMENT;
}

const PROFILE_PATH = /^\/[^/?#]+\/?(?:[?#]|$)/;

function isProfileHref(href: string): boolean {
  if (href.startsWith('/') && !href.startsWith('//')) return PROFILE_PATH.test(href);
  try {
    const url = new URL(href, 'https://x.com');
    return /^(x|twitter)\.com$/.test(url.hostname.replace(/^(www|mobile)\./, '')) && /^\/[^/]+\/?$/.test(url.pathname);
  } catch {
    return false;
  }
}
