/**
 * Calls `act` with the watched elements that came within a quarter screen of the viewport, each once. A
 * timeline adds rows well ahead of where the reader is; searching rows and building buttons only for those
 * about to be seen keeps the cost of an added row to one observer entry. The observer answers once per
 * frame and the buttons go in by the next, so a quarter screen ahead (four frames of a fast scroll on a
 * laptop screen) has them in place before their row shows; a whole screen ahead built twice as many in a
 * timeline for rows that X then dropped unseen. One observer per caller, with one callback for all its
 * elements: an observed element needs no bookkeeping of ours (observing it twice is a no-op, and the
 * observer holds removed elements only weakly). Nothing comes near once `signal` aborts.
 */
export function nearViewport(act: (near: Element[]) => void, signal: AbortSignal): (el: Element) => void {
  let observer: IntersectionObserver | null = null;
  const onEntries = (entries: IntersectionObserverEntry[]) => {
    const near: Element[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (!entry.isIntersecting) continue;
      observer!.unobserve(entry.target);
      if (entry.target.isConnected) near.push(entry.target);
    }
    if (near.length) act(near);
  };
  signal.addEventListener('abort', () => observer?.disconnect(), { once: true });
  return (el) => {
    if (!observer) {
      if (signal.aborted) return;
      observer = new IntersectionObserver(onEntries, { rootMargin: '25% 0px' });
    }
    observer.observe(el);
  };
}
