/** Our own elements: their insertion must not schedule more work. */
const OURS = /^RINGSIDE-/;

/**
 * One MutationObserver for the whole page, its work batched into one animation frame: X re-renders
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
  };
  const observer = new MutationObserver((records) => {
    for (let r = 0; r < records.length; r++) {
      const record = records[r]!;
      if (record.type === 'attributes') {
        changed.push(record.target as Element);
        continue;
      }
      // Index loops: this runs for every record (most only remove rows), and iterators cost more here.
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (node.nodeType === 1 && !OURS.test((node as Element).tagName)) pending.push(node as Element);
      }
    }
    schedule();
  });
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  };
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  // pushState fires no event of its own; the Navigation API (Chromium) reports it, popstate covers the rest.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', schedule);
  addEventListener('popstate', schedule);
  if (document.body) changed.push(document.body);
  run();
  return () => {
    observer.disconnect();
    navigation?.removeEventListener('currententrychange', schedule);
    removeEventListener('popstate', schedule);
  };
}
