import type { ElementPlacement, PageContext, PagePlacement } from './placements/types';

export interface IdentityWatch {
  /** Testids of elements that show who is logged in (X's side navigation). */
  triggers: string[];
  /** Re-reads the logged-in account; true when it changed. */
  sync(page: PageContext): boolean;
}

type Target = ElementPlacement | PagePlacement | IdentityWatch;

/**
 * Runs the placements over what X added in one batch. Every placement hangs on an element with a
 * data-testid, so each added subtree is walked once with the simplest selector there is (`[data-testid]`)
 * and the value is looked up in a table; each added node's ancestors are checked the same way (a tweet's
 * name filled in after the tweet itself). Matching a dozen attribute selectors per element costs several
 * times more on a timeline.
 */
export function createScanner(elements: ElementPlacement[], pages: PagePlacement[], identity: IdentityWatch) {
  const byTestid = new Map<string, Target[]>();
  const add = (testid: string, target: Target) => byTestid.set(testid, [...(byTestid.get(testid) ?? []), target]);
  elements.forEach((p) => p.testids.forEach((t) => add(t, p)));
  pages.forEach((p) => p.triggers.forEach((t) => add(t, p)));
  identity.triggers.forEach((t) => add(t, identity));

  return function scan(added: Element[], page: PageContext, navigated: boolean): void {
    const hits: Array<[Element, ElementPlacement]> = [];
    const dirty = new Set<PagePlacement>(navigated ? pages : []);
    let identityShown = navigated;
    const visit = (el: Element) => {
      const targets = byTestid.get(el.getAttribute('data-testid')!);
      if (!targets) return;
      for (const target of targets) {
        if (target === identity) identityShown = true;
        else if ('apply' in target) hits.push([el, target]);
        else dirty.add(target as PagePlacement);
      }
    };
    for (const root of added) {
      if (!root.isConnected) continue;
      for (let el: Element | null = root; el; el = el.parentElement) if (el.hasAttribute('data-testid')) visit(el);
      for (const el of root.querySelectorAll('[data-testid]')) visit(el);
    }
    if (identityShown && identity.sync(page)) pages.forEach((p) => dirty.add(p));
    const done = new Set<Element>();
    for (const [el, placement] of hits) {
      if (done.has(el)) continue;
      done.add(el);
      placement.apply(el, page);
    }
    for (const placement of dirty) placement.sync(page);
  };
}
