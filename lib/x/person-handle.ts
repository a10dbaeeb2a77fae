import { normalizeHandle } from '../protocol/handle';
import { profileLinkHandle } from './profile-handle';
import { AVATAR_TESTID_PREFIX, X } from './selectors';

/** The handle an avatar's testid carries (`UserAvatar-Container-Bob` → `bob`). */
export function handleFromAvatar(avatar: Element | null): string | null {
  const testid = avatar?.getAttribute('data-testid') ?? '';
  if (!testid.startsWith(AVATAR_TESTID_PREFIX)) return null;
  return normalizeHandle(testid.slice(AVATAR_TESTID_PREFIX.length));
}

/** The first link inside `scope` that points at a person's profile (`/bob`, not `/bob/status/1` or `/search`). */
export function firstProfileLink(scope: Element): { link: Element; handle: string } | null {
  // Usually the very first link: one native search and one read, before walking the rest.
  const first = scope.querySelector('a[href]');
  const firstHandle = first && profileLinkHandle(first.getAttribute('href')!);
  if (firstHandle) return { link: first, handle: firstHandle };
  const links = scope.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const href = link.getAttribute('href');
    const handle = href && profileLinkHandle(href);
    if (handle) return { link, handle };
  }
  return null;
}

/** Every distinct person `scope` links to. */
export function profileHandlesIn(scope: Element): Set<string> {
  const handles = new Set<string>();
  for (const link of scope.querySelectorAll('a[href]')) {
    const handle = profileLinkHandle(link.getAttribute('href')!);
    if (handle) handles.add(handle);
  }
  return handles;
}

/**
 * The person a card is about: its first profile link (the avatar's), else the avatar's testid. Links come
 * first because X names avatars it cannot resolve `UserAvatar-Container-unknown`.
 */
export function personIn(scope: Element): string | null {
  return firstProfileLink(scope)?.handle ?? handleFromAvatar(scope.querySelector(X.avatar));
}
