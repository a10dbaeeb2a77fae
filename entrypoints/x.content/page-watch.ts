/** Our own elements: their insertion must not schedule more work. */
const OURS = 'ringside-';

let absorb: () => void = () => {};

/**
 * Takes the DOM changes our own insertions just made, before the observer's callback would run for them:
 * a callback and a batch that find only our hosts cost more than the hosts. Changes of X's that are pending
 * with them are kept for the next batch as usual.
 */
export function absorbOwnChanges(): void {
  absorb();
}

/**
 * One MutationObserver for the whole page's elements (and one for its links), its work batched into one animation frame: X re-renders
 * constantly, and the extension must not add work per mutation. Each batch gets only the elements added
 * since the last one, and apart from them the links whose target changed (X recycles rows by rewriting
 * them in place: those must follow at once), never the whole document, so the cost follows what X adds,
 * not the size of the page. Any change, even one that adds no element (a profile header rewritten for the
 * next person), and any history navigation schedules a batch, because each batch re-checks the URL.
 */
export function watchPage(onBatch: (added: Element[], changed: Element[]) => void): () => void {
  let pending: Element[] = [];
  let changed: Element[] = [];
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const batch = pending;
    const rewritten = changed;
    pending = [];
    changed = [];
    onBatch(batch, rewritten);
    absorb();
  };
  /** Files away what X added; false when the records only show our own elements arriving. */
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
        if (name !== undefined) pending.push(node as Element);
      }
    }
    return foreign;
  };
  const observer = new MutationObserver((records) => {
    if (take(records)) schedule();
  });
  // Links rewritten in place, apart: the observer above then never has to ask a record its type.
  const links = new MutationObserver((records) => {
    for (let r = 0; r < records.length; r++) changed.push(records[r]!.target as Element);
    schedule();
  });
  absorb = () => {
    const records = observer.takeRecords();
    if (records.length && take(records)) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  };
  observer.observe(document.documentElement, { childList: true, subtree: true });
  links.observe(document.documentElement, { subtree: true, attributeFilter: ['href'] });
  // pushState fires no event of its own; the Navigation API (Chromium) reports it, popstate covers the rest.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', schedule);
  addEventListener('popstate', schedule);
  if (document.body) changed.push(document.body);
  run();
  return () => {
    observer.disconnect();
    links.disconnect();
    absorb = () => {};
    navigation?.removeEventListener('currententrychange', schedule);
    removeEventListener('popstate', schedule);
  };
}
