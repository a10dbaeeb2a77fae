import type { ElementPlacement, PageContext, PagePlacement } from './placements/types';

/**
 * Runs the placements over what X added in one batch: each element placement collects its anchors in and
 * above the added nodes (never the whole document), each anchor is handled once; page placements (profile,
 * DM header) re-check themselves, which costs nothing once they are in place.
 */
export function createScanner(elements: ElementPlacement[], pages: PagePlacement[]) {
  return function scan(added: Element[], page: PageContext, navigated: boolean): void {
    const live = added.filter((root) => root.isConnected);
    for (const placement of elements) {
      const found = new Set<Element>();
      const add = (el: Element) => found.add(el);
      for (const root of live) placement.collect(root, add);
      for (const el of found) placement.apply(el, page);
    }
    for (const placement of pages) placement.sync(page, navigated);
  };
}
