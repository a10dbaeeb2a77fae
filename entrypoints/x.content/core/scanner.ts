import type { ContentContext } from './feature';
import type { ElementPlacement, PagePlacement } from './placement';

/**
 * Runs the placements over what X added (never the whole document), each anchor handled once; page
 * placements (profile, DM header) re-check themselves, which costs nothing once they are in place.
 * A timeline adds rows far ahead of the reader, and a search finds nothing without walking the whole
 * row, so an added element is only searched once it comes near the viewport (one
 * IntersectionObserver entry per row instead of a walk through it). Rewritten links are searched at once:
 * their row is on show and its buttons must follow the new person. Roots inside the root before them
 * (among those that came near together) are dropped, and a placement that claims a root (a tweet) spares
 * it the later searches.
 */
export function createScanner(content: Pick<ContentContext, 'nearViewport' | 'absorbOwnChanges'>, elements: ElementPlacement[], pages: PagePlacement[]) {
  let applies = { pathname: '', any: false };
  const searchWhenNear = content.nearViewport((roots) => {
    search(outermost(roots), true);
    content.absorbOwnChanges();
  });

  // Kept between searches: a search runs for each frame in which rows come near, and allocates nothing.
  const found = elements.map(() => new Set<Element>());
  const adders = found.map((set) => (el: Element) => void set.add(el));

  function search(roots: Element[], near: boolean) {
    for (let r = 0; r < roots.length; r++) {
      for (let i = 0; i < elements.length; i++) if (elements[i]!.collect(roots[r]!, adders[i]!)) break;
    }
    for (let i = 0; i < elements.length; i++) {
      const set = found[i]!;
      if (set.size === 0) continue;
      for (const el of set) elements[i]!.apply(el, near);
      set.clear();
    }
  }

  return {
    /**
     * Every added element is watched as it comes, nested or not: one observer entry costs less than
     * finding out. Elements that show nothing (head, script, template) never come near, and need no search.
     */
    watch: searchWhenNear,
    /** Rewritten links are searched at once; page placements re-check themselves. */
    scan(changed: Element[], navigated: boolean): void {
      search(outermost(changed), false);
      for (const placement of pages) placement.sync(navigated);
    },
    /**
     * Whether a page placement may appear at `pathname`: only then does a change call for a batch. Asked
     * on every change X makes, so the answer is kept for the path.
     */
    pagesApply(pathname: string): boolean {
      if (pathname !== applies.pathname) applies = { pathname, any: pages.some((placement) => placement.applies(pathname)) };
      return applies.any;
    },
  };
}

/**
 * The connected roots, less those inside the root just before them (itself included, so a repeat in a row
 * goes too): X appends a subtree and then fills it, so a nested root follows its container. One native
 * `contains` per root, no set: a root searched twice finds the same elements, which the placements'
 * sets keep once, and a set of elements cost more per call than the searches it saved.
 */
function outermost(added: Element[]): Element[] {
  const roots: Element[] = [];
  let last: Element | null = null;
  for (let i = 0; i < added.length; i++) {
    const root = added[i]!;
    if (!root.isConnected || last?.contains(root)) continue;
    roots.push(root);
    last = root;
  }
  return roots;
}
