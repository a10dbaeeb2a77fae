/** Our own elements: their insertion must not schedule more work. */
const OURS = /^RINGSIDE-/;

/**
 * One MutationObserver for the whole page, its work batched into one animation frame: X re-renders
 * constantly, and the extension must not add work per mutation. Each batch gets only the elements added
 * since the last one (and links whose target changed: X recycles rows by rewriting them in place), never
 * the whole document, so the cost follows what X adds, not the size of the page.
 */
export function watchPage(onBatch: (added: Element[]) => void): () => void {
  let pending: Element[] = [];
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    onBatch(batch);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        pending.push(record.target as Element);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && !OURS.test((node as Element).tagName)) pending.push(node as Element);
      }
    }
    if (scheduled || pending.length === 0) return;
    scheduled = true;
    requestAnimationFrame(run);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  if (document.body) pending.push(document.body);
  run();
  return () => observer.disconnect();
}
