import { normalizeHandle } from '../protocol/handle';
import { handleFromHref } from './profile-handle';
import { AVATAR_TESTID_PREFIX, X } from './selectors';

/** The account x.com shows as logged in, or null when logged out (DESIGN §7). */
export function readLoggedInHandle(root: ParentNode): string | null {
  const link = root.querySelector(X.selfProfileLink);
  const fromLink = handleFromHref(link?.getAttribute('href'));
  if (fromLink) return fromLink;
  const avatar = root.querySelector(X.selfAccountSwitcherAvatar);
  const testid = avatar?.getAttribute('data-testid') ?? '';
  return normalizeHandle(testid.slice(AVATAR_TESTID_PREFIX.length));
}
