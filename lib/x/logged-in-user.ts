import { normalizeHandle } from '../protocol/handle';
import { handleFromHref } from './profile-handle';
import { AVATAR_TESTID_PREFIX, X } from './selectors';

/** The account x.com shows as logged in, or null when logged out (DESIGN §7), on the desktop or the phone layout. */
export function readLoggedInHandle(root: ParentNode): string | null {
  return (
    handleFromHref(root.querySelector(X.selfProfileLink)?.getAttribute('href')) ??
    avatarHandle(root.querySelector(X.selfAccountSwitcherAvatar)) ??
    handleFromHref(root.querySelector(X.selfPhoneProfileButton)?.getAttribute('href')) ??
    avatarHandle(root.querySelector(X.selfPhoneProfileAvatar))
  );
}

function avatarHandle(avatar: Element | null): string | null {
  return normalizeHandle((avatar?.getAttribute('data-testid') ?? '').slice(AVATAR_TESTID_PREFIX.length));
}
