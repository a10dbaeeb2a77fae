/**
 * Runs `act` once an element comes within a screen of the viewport. A timeline adds rows well ahead of
 * where the reader is; searching rows and building buttons only for those about to be seen keeps the cost
 * per added row to one observer entry, and one observer serves the whole page.
 */
const waiting = new WeakMap<Element, (el: Element) => void>();
let observer: IntersectionObserver | null = null;

export function whenVisible(el: Element, act: (el: Element) => void): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer!.unobserve(entry.target);
        const run = waiting.get(entry.target);
        waiting.delete(entry.target);
        if (run && entry.target.isConnected) run(entry.target);
      }
    },
    { rootMargin: '100% 0px' },
  );
  if (!waiting.has(el)) observer.observe(el);
  waiting.set(el, act);
}
