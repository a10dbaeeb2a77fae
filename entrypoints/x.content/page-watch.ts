/**
 * One MutationObserver for the whole page, its work batched into one animation frame: X re-renders
 * constantly, and the extension must not add work per mutation.
 */
export function watchPage(onBatch: () => void): () => void {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    onBatch();
  };
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  run();
  return () => observer.disconnect();
}
