import { besideFollow } from './beside-follow';
import { handleFromHref } from './profile-handle';
import { personIn } from './person-handle';
import { X } from './selectors';

export interface HoverCardPlacement {
  handle: string;
  before: Element | null;
  parent: Element;
}

/**
 * The card X shows when hovering a person. The account switcher reuses the testid but lists your own
 * accounts as UserCells and links to nobody's following list: skipped. The handle comes from the
 * `/<handle>/following` link, else the card's first profile link or avatar.
 */
export function findHoverCard(card: Element): HoverCardPlacement | null {
  const following = card.querySelector(X.hoverCardFollowing);
  if (!following || card.querySelector(X.userCell)) return null;
  const handle = handleFromHref(following.getAttribute('href')) ?? personIn(card);
  if (!handle) return null;
  const follow = card.querySelector(X.followButton);
  const spot = follow && besideFollow(follow, card);
  return spot ? { handle, ...spot } : { handle, before: null, parent: card.firstElementChild ?? card };
}
