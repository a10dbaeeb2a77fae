/** Our own elements: their insertion must not schedule more work. */
const OURS = 'ringside-';

export interface PageWatcher {
  /** Each element X adds, at once: only cheap work (watching it come near), nothing that reads the page. */
  added(el: Element): void;
  /**
   * Whether a change that adds or removes nodes calls for a batch on this page: a page-wide placement (the
   * profile or DM header) may have been drawn or redrawn, or something the page depends on is still unknown.
   */
  wantsBatch(): boolean;
  /** The batch, at most once per animation frame; `changed` are the links X rewrote in place since the last. */
  batch(changed: Element[]): void;
}

export interface PageWatch {
  /**
   * Takes the DOM changes our own insertions just made, before the observer's callback would run for them:
   * a callback and a batch that find only our hosts cost more than the hosts. Changes of X's that are
   * pending with them are handled as usual.
   */
  absorbOwnChanges(): void;
  stop(): void;
}

/**
 * One MutationObserver for the whole page's elements (and one each for rewritten links and the theme), the
 * work that reads the page batched into one animation frame: X re-renders constantly, and the extension
 * must not add work per mutation. Added elements are handed over as they come (watching one costs less than
 * queueing it), never the whole document, so the cost follows what X adds, not the size of the page.
 * A batch re-checks the URL and the page-wide placements; it runs on navigation, on a rewritten link (X
 * recycles rows by rewriting them in place: those must follow at once), on a theme change, and on any other
 * change while `wantsBatch` says so (a profile header rewritten for the next person adds no element).
 * On a timeline it does not: a batch there would find nothing the added elements do not bring themselves.
 */
export function watchPage(watcher: PageWatcher): PageWatch {
  let changed: Element[] = [];
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const rewritten = changed;
    changed = [];
    watcher.batch(rewritten);
    absorb();
  };
  /** Hands over what X added; false when the records only show our own elements arriving. */
  const take = (records: MutationRecord[]): boolean => {
    let foreign = false;
    // Index loops: this runs for every record (most only remove rows), and iterators cost more here.
    for (let r = 0; r < records.length; r++) {
      const nodes = records[r]!.addedNodes;
      if (nodes.length === 0) {
        // A removal: X's as a rule (ours are rare), and reading which node left costs more than a batch.
        foreign = true;
        continue;
      }
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        // Only elements have a local name: one read tells an element, and whether it is ours.
        const name = (node as Partial<Element>).localName;
        if (name?.startsWith(OURS)) continue;
        foreign = true;
        if (name !== undefined) watcher.added(node as Element);
      }
    }
    return foreign;
  };
  const observer = new MutationObserver((records) => {
    if (take(records) && watcher.wantsBatch()) schedule();
  });
  // Links rewritten in place, apart: the observer above then never has to ask a record its type.
  const links = new MutationObserver((records) => {
    for (let r = 0; r < records.length; r++) changed.push(records[r]!.target as Element);
    schedule();
  });
  // X writes its theme on <body> (theme.ts); a batch re-reads it.
  const theme = new MutationObserver(() => schedule());
  const absorb = () => {
    const records = observer.takeRecords();
    if (records.length && take(records) && watcher.wantsBatch()) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  };
  observer.observe(document.documentElement, { childList: true, subtree: true });
  links.observe(document.documentElement, { subtree: true, attributeFilter: ['href'] });
  if (document.body) theme.observe(document.body, { attributeFilter: ['style'] });
  // pushState fires no event of its own; the Navigation API (Chromium) reports it, popstate covers the rest.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', schedule);
  addEventListener('popstate', schedule);
  // What the page already holds is searched once, at once.
  if (document.body) changed.push(document.body);
  run();
  return {
    absorbOwnChanges: absorb,
    stop() {
      observer.disconnect();
      links.disconnect();
      theme.disconnect();
      navigation?.removeEventListener('currententrychange', schedule);
      removeEventListener('popstate', schedule);
    },
  };
}
