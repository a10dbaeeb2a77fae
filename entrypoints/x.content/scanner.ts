import type { ElementPlacement, PageContext, PagePlacement } from './placements/types';

/**
 * Runs the placements over what X added in one batch: each element placement collects its anchors in and
 * above the added nodes (never the whole document), each anchor is handled once; page placements (profile,
 * DM header) re-check themselves, which costs nothing once they are in place. A search that finds nothing
 * still walks the whole subtree, so each root is searched once per placement at most: roots inside another
 * root of the batch are dropped, and a placement that claims a root (a tweet) spares it the later searches.
 */
export function createScanner(elements: ElementPlacement[], pages: PagePlacement[]) {
  return function scan(added: Element[], page: PageContext, navigated: boolean): void {
    const roots = outermost(added);
    const found = elements.map(() => new Set<Element>());
    const adders = found.map((set) => (el: Element) => set.add(el));
    for (const root of roots) {
      for (let i = 0; i < elements.length; i++) if (elements[i]!.collect(root, adders[i]!)) break;
    }
    elements.forEach((placement, i) => {
      for (const el of found[i]!) placement.apply(el, page);
    });
    for (const placement of pages) placement.sync(page, navigated);
  };
}

/**
 * The connected roots, each once, less those inside the root just before them: X appends a subtree and
 * then fills it, so a nested root follows its container. One native `contains` per root; a deeper
 * de-duplication (a walk up from every root) cost more than the searches it saved.
 */
function outermost(added: Element[]): Element[] {
  const roots: Element[] = [];
  const seen = new Set<Element>();
  let last: Element | null = null;
  for (const root of added) {
    if (seen.has(root) || !root.isConnected) continue;
    seen.add(root);
    if (last?.contains(root)) continue;
    roots.push(root);
    last = root;
  }
  return roots;
}
