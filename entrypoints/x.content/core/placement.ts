import type { Theme } from './theme';

/** Where a host of call buttons sits (DESIGN §5: `data-ringside-place`). */
export type Place = 'profile' | 'hovercard' | 'usercell' | 'tweet' | 'dm';

/** What every placement reads about the page: one live object, updated by each batch. */
export interface PageContext {
  /** The logged-in account, or null while unknown or logged out. */
  self: string | null;
  pathname: string;
  theme: Theme;
}

/** A placement inside elements X adds anywhere, any number of times: tweets, user cells, hover cards. */
export interface ElementPlacement {
  place: Place;
  /**
   * Finds the elements the placement hangs on in, or above, an added node (a tweet's name may arrive after
   * the tweet). Runs for every node X adds: single selectors only (a selector list costs several times more).
   * True when nothing else can live in `added` (it is all one tweet): later placements skip it.
   */
  collect(added: Element, found: (el: Element) => void): boolean | void;
  /** `near`: the element is known to be near the viewport (its added root just came near). */
  apply(element: Element, near: boolean): void;
}

/**
 * A placement that exists at most once per page and follows the URL: the profile header, a DM header.
 * It runs on every batch, so it must be cheap when nothing changed: it remembers its host.
 */
export interface PagePlacement {
  place: Place;
  /** Whether the placement can exist on a page at `pathname`. */
  applies(pathname: string): boolean;
  sync(navigated: boolean): void;
}
