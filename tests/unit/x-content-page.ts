import { vi } from 'vitest';
import type { ContentToBackground } from '../../lib/messages/runtime-messages';
import type { Lifetime } from '../../entrypoints/x.content/core/feature';

/**
 * The fast tier's x.com tab: a page loaded into happy-dom at an x.com URL, the content script's core and
 * features started on it with a lifetime the test ends, a stand-in for the background, and a stand-in for
 * IntersectionObserver (happy-dom lays nothing out) that the test tells which elements came near.
 * Each test file mocks `to-background` and `core/i18n` with the modules below (vi.mock is per file).
 */

/** What the background answers; a test may replace any answer. */
export const background = {
  sent: [] as ContentToBackground[],
  answer: (message: ContentToBackground): unknown => {
    if (message.type === 'page.start') return { rings: [], presence: false };
    return undefined;
  },
};
export const toBackgroundModule = {
  toBackground: async (message: ContentToBackground) => {
    background.sent.push(message);
    return background.answer(message);
  },
};
/** Labels name the key and the handle, so tests read which string went where without the locale files. */
export const i18nModule = { i18n: { t: (key: string, subs?: string[]) => [key, ...(subs ?? [])].join(' ') } };

/** IntersectionObserver without layout: nothing comes near until the test says so. */
export class FakeIntersectionObserver {
  static live = new Set<FakeIntersectionObserver>();
  readonly observed = new Set<Element>();
  constructor(private readonly callback: (entries: IntersectionObserverEntry[]) => void) {
    FakeIntersectionObserver.live.add(this);
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
    FakeIntersectionObserver.live.delete(this);
  }
  takeRecords() {
    return [];
  }
  /** One callback with the watched elements that `which` picks, as intersecting, like one frame's. */
  deliver(which: (el: Element) => boolean) {
    const targets = [...this.observed].filter(which);
    if (targets.length) this.callback(targets.map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry));
  }
}

/** The watched elements `which` picks (all by default) come near the viewport, in every observer. */
export function comeNear(which: (el: Element) => boolean = () => true) {
  for (const observer of [...FakeIntersectionObserver.live]) observer.deliver(which);
}

/** Lets the observers' callbacks and the animation frame they schedule run. */
export async function settle() {
  for (let i = 0; i < 3; i++) await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

/** Every host on the page, in document order, as [place, handle]. */
export function hosts(root: ParentNode = document): Array<[string | null, string | null]> {
  return [...root.querySelectorAll('ringside-call-buttons')].map((h) => [h.getAttribute('data-ringside-place'), h.getAttribute('data-ringside-handle')]);
}

/** Chromium's Navigation API tells of pushState; happy-dom has none, so the test plays it. */
export const navigation = new EventTarget();

export function navigate(path: string) {
  history.pushState({}, '', path);
  navigation.dispatchEvent(new Event('currententrychange'));
}

let running: AbortController | null = null;

/**
 * Loads `html` as the document at `url` and starts the content script on it, ending the copy a previous
 * call started (its lifetime aborts, as an update would). Resolves once the first batch has run, with the
 * page's body as it was before the script started.
 */
export async function openX(url: string, html: string): Promise<{ lifetime: AbortController; untouched: string }> {
  running?.abort();
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.stubGlobal('navigation', navigation);
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  // Saved pages carry Google's sign-in iframe, which happy-dom would try (and refuse) to load.
  const parsed = new DOMParser().parseFromString(html.replace(/<iframe\b[\s\S]*?<\/iframe>/g, ''), 'text/html');
  document.documentElement.remove();
  document.append(document.adoptNode(parsed.documentElement));
  background.sent.length = 0;
  const untouched = document.body.innerHTML;
  const lifetime = new AbortController();
  running = lifetime;
  const ctx: Lifetime = {
    signal: lifetime.signal,
    get isInvalid() {
      return lifetime.signal.aborted;
    },
    onInvalidated(cb) {
      lifetime.signal.addEventListener('abort', cb);
      return () => lifetime.signal.removeEventListener('abort', cb);
    },
  };
  const { startContentScript } = await import('../../entrypoints/x.content/core/content-script');
  const { FEATURES } = await import('../../entrypoints/x.content/features');
  startContentScript(ctx, FEATURES);
  await settle();
  return { lifetime, untouched };
}
