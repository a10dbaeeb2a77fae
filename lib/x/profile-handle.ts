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
