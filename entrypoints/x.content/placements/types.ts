import type { Place } from '../call-buttons';
import type { Theme } from '../theme';

export interface PageContext {
  /** The logged-in account, or null while unknown or logged out. */
  self: string | null;
  pathname: string;
  theme: Theme;
}

/** A placement inside elements X adds anywhere, any number of times: tweets, user cells, hover cards. */
export interface ElementPlacement {
  place: Place;
  /** The testids of the element the placement hangs on; the scanner finds them in, or above, added nodes. */
  testids: string[];
  /** `page` is the live context: read it when acting, not only when called. */
  apply(element: Element, page: PageContext): void;
}

/** A placement that exists at most once per page and follows the URL: the profile header, a DM header. */
export interface PagePlacement {
  place: Place;
  /** Testids whose arrival means the placement may now be found (or moved). */
  triggers: string[];
  sync(page: PageContext): void;
}
