import { i18n } from '../core/i18n';

export type ShownPresence = 'online' | 'busy' | null;

/** Looked up once: a page shows the same two labels on every dot. */
let labels: Record<'online' | 'busy', string> | null = null;

/**
 * The presence dot beside a host's buttons: only for online and busy. Nothing is shown for offline, which
 * the server also says of people who do not use Ringside.
 */
export function setPresence(host: HTMLElement, state: ShownPresence): void {
  const root = host.shadowRoot;
  if (!root) return;
  let dot = childOf(root, 'span');
  if (!state) return void dot?.remove();
  if (!dot) {
    dot = document.createElement('span');
    dot.dataset.testid = 'ringside-presence';
    dot.setAttribute('role', 'img');
    childOf(root, 'button')?.before(dot);
  }
  if (dot.dataset.state === state) return;
  dot.dataset.state = state;
  labels ??= { online: i18n.t('presenceOnline'), busy: i18n.t('presenceBusy') };
  dot.setAttribute('aria-label', labels[state]);
  dot.title = labels[state];
}

/** The shadow root's first child of that tag: a few siblings, no selector (slow from a content script). */
function childOf(root: ShadowRoot, tag: string): HTMLElement | null {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) if (el.localName === tag) return el as HTMLElement;
  return null;
}
