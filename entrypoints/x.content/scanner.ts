import type { ElementPlacement, PageContext, PagePlacement } from './placements/types';

export interface IdentityWatch {
  /** Elements that show who is logged in (X's side navigation). */
  trigger: string;
  /** Re-reads the logged-in account; true when it changed. */
  sync(page: PageContext): boolean;
}

/**
 * Runs the placements over what X added in one batch. Each added element is searched downwards (a tweet
 * arriving whole) and upwards (a tweet's name filled in after the tweet itself), with one combined
 * selector so each added element is walked once, whatever the number of placements.
 */
export function createScanner(elements: ElementPlacement[], pages: PagePlacement[], identity: IdentityWatch) {
  const selector = [...elements.map((p) => p.selector), ...pages.map((p) => p.trigger), identity.trigger].join(',');

  return function scan(added: Element[], page: PageContext, navigated: boolean): void {
    const found = new Set<Element>();
    for (const root of added) {
      if (!root.isConnected) continue;
      for (let el = root.closest(selector); el; el = el.parentElement?.closest(selector) ?? null) found.add(el);
      for (const el of root.querySelectorAll(selector)) found.add(el);
    }
    let identityShown = navigated;
    const dirty = new Set<PagePlacement>(navigated ? pages : []);
    for (const el of found) {
      if (!identityShown && el.matches(identity.trigger)) identityShown = true;
      for (const placement of pages) if (!dirty.has(placement) && el.matches(placement.trigger)) dirty.add(placement);
    }
    if (identityShown && identity.sync(page)) pages.forEach((p) => dirty.add(p));
    for (const el of found) {
      for (const placement of elements) if (el.matches(placement.selector)) placement.apply(el, page);
    }
    for (const placement of dirty) placement.sync(page);
  };
}
