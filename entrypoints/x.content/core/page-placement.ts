import type { ContentContext } from './feature';
import { hostsOf, type Spot } from './hosts';
import type { PageContext, PagePlacement, Place } from './placement';

/**
 * A placement that exists at most once per page, found from the URL and a few document queries. Cheap on
 * every batch: once its host is in place, nothing is queried until the URL changes or X removes the host
 * (re-rendering the header); while the page is not of its kind, nothing at all.
 */
export function pagePlacement(
  content: ContentContext,
  place: Place,
  applies: (pathname: string) => boolean,
  find: (page: PageContext) => Spot | null,
): PagePlacement {
  let current: HTMLElement | null = null;
  const { page } = content;
  return {
    place,
    applies,
    sync(navigated) {
      if (!navigated && (current?.isConnected || !applies(page.pathname))) return;
      const existing = current?.isConnected ? [current] : navigated ? [...hostsOf(place)] : [];
      current = content.place(existing, place, applies(page.pathname) ? find(page) : null);
    },
  };
}
