import { readLoggedInHandle } from '../../../lib/x/logged-in-user';
import { allHosts } from './hosts';
import type { PageContext } from './placement';
import { themeReader } from './theme';

/**
 * Keeps the page context in step with X at each batch: the path, the theme (one inline style on <body>:
 * cheap to re-read) and the logged-in account. True from `sync` when placements must re-check
 * themselves: the page changed, or who is logged in did.
 */
export function pageState(page: PageContext, identityChanged: (handle: string | null) => void) {
  const readTheme = themeReader();
  /**
   * The logged-in account, re-read on navigation, and while unknown at most once a second (X draws its
   * side navigation after the page): a document query is too dear for every batch.
   */
  let identityReadAt = -Infinity;
  function syncIdentity(navigated: boolean): boolean {
    if (!navigated && (page.self !== null || performance.now() - identityReadAt < 1000)) return false;
    identityReadAt = performance.now();
    const handle = readLoggedInHandle(document);
    if (handle === page.self) return false;
    page.self = handle;
    identityChanged(handle);
    // Nobody calls themselves: buttons built for this account before it was known go.
    if (handle) for (const host of allHosts()) if (host.dataset.ringsideHandle === handle) host.remove();
    return true;
  }

  function syncTheme(navigated: boolean) {
    const theme = readTheme(navigated);
    if (!theme || theme === page.theme) return;
    page.theme = theme;
    for (const host of allHosts()) host.dataset.theme = theme;
  }

  return {
    sync(): boolean {
      const navigated = location.pathname !== page.pathname;
      page.pathname = location.pathname;
      syncTheme(navigated);
      return syncIdentity(navigated) || navigated;
    },
  };
}
