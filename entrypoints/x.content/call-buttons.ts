import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { ContentToBackground } from '@/lib/messages/runtime-messages';
import type { Media } from '@/lib/protocol/wire';
import { icon } from './icons';
import type { Theme } from './theme';

export const HOST_TAG = 'ringside-call-buttons';
const HOST_TAG_UPPER = HOST_TAG.toUpperCase();

/**
 * Sizes in rem follow X's own font-size setting (X writes it on <html>); colours follow its three themes,
 * set by `data-theme` on the host. Logical properties keep right-to-left pages right.
 */
const CSS = `
:host { display: inline-flex; gap: 0.5rem; margin-inline-end: 0.5rem; align-items: center; vertical-align: middle;
  --fg: rgb(15, 20, 25); --line: rgb(207, 217, 222); --hover: rgba(15, 20, 25, 0.1); --focus: rgb(29, 155, 240); }
:host([data-theme="dim"]) { --fg: rgb(247, 249, 249); --line: rgb(83, 100, 113); --hover: rgba(247, 249, 249, 0.1); }
:host([data-theme="dark"]) { --fg: rgb(231, 233, 234); --line: rgb(83, 100, 113); --hover: rgba(231, 233, 234, 0.1); }
:host([data-compact]) { gap: 0.125rem; margin-inline: 0.25rem 0; }
button {
  inline-size: 2.4rem; block-size: 2.4rem; border-radius: 9999px; display: grid; place-items: center;
  border: 1px solid var(--line); background: transparent; color: var(--fg); cursor: pointer; padding: 0;
}
:host([data-compact]) button { inline-size: 1.4rem; block-size: 1.4rem; border: 0; opacity: 0.8; }
button:hover { background: var(--hover); opacity: 1; }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
svg { inline-size: 1.33rem; block-size: 1.33rem; }
:host([data-compact]) svg { inline-size: 1rem; block-size: 1rem; }
[data-testid="ringside-presence"] { inline-size: 0.6rem; block-size: 0.6rem; border-radius: 50%; background: rgb(0, 186, 124); }
[data-testid="ringside-presence"][data-state="busy"] { background: rgb(244, 33, 46); }
`;

export type Place = 'profile' | 'hovercard' | 'usercell' | 'tweet' | 'dm';

/** Tweets are dense: there the two buttons are small and borderless. */
const COMPACT: ReadonlySet<Place> = new Set(['tweet']);

/** Keys that activate a button: X's clickable rows (user cells) would act on them too. */
const ACTIVATION_KEYS = new Set(['Enter', ' ']);
const MEDIA: readonly Media[] = ['audio', 'video'];
const SLOT = '\u0001';

/**
 * A timeline adds hundreds of these, so everything is built once: a prototype host whose shadow root is
 * clonable (one native cloneNode per placement; browsers without clonable shadow roots build each one
 * from the same parts), the label text looked up once, and one listener for the whole page instead of
 * listeners per button.
 */
let shared: { prototype: HTMLElement; clonable: boolean; sheet: CSSStyleSheet | null; labels: Record<Media, string> } | null = null;

/**
 * One constructed style sheet shared by every host: a <style> per host made each insertion register and
 * look up its own sheet. Null where the content script cannot adopt it (the hosts then carry a <style>).
 */
function sharedSheet(root: ShadowRoot): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    return root.adoptedStyleSheets.length === 1 ? sheet : null;
  } catch {
    return null;
  }
}

function fill(root: ShadowRoot, sheet: CSSStyleSheet | null) {
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
  for (const media of MEDIA) {
    const el = document.createElement('button');
    el.type = 'button';
    el.dataset.testid = `ringside-call-${media}`;
    el.dataset.media = media;
    el.append(icon(media === 'audio' ? 'phone' : 'video'));
    root.append(el);
  }
}

function setup() {
  if (shared) return shared;
  const prototype = document.createElement(HOST_TAG);
  const root = prototype.attachShadow({ mode: 'open', clonable: true } as ShadowRootInit);
  const sheet = sharedSheet(root);
  fill(root, sheet);
  const clonable = !!(prototype.cloneNode(true) as HTMLElement).shadowRoot;
  const labels = { audio: i18n.t('callAudio', [SLOT]), video: i18n.t('callVideo', [SLOT]) };
  shared = { prototype, clonable, sheet, labels };
  listenOnce();
  return shared;
}

/** Audio and video call buttons for one person at one place on the page. */
export function createCallButtons(handle: string, place: Place, theme: Theme): HTMLElement {
  const { prototype, clonable, sheet } = setup();
  let host: HTMLElement;
  if (clonable) {
    host = prototype.cloneNode(true) as HTMLElement;
    // A clone does not carry its original's adopted sheets.
    if (sheet) host.shadowRoot!.adoptedStyleSheets = [sheet];
  } else {
    host = document.createElement(HOST_TAG);
    fill(host.attachShadow({ mode: 'open' }), sheet);
  }
  // setAttribute, not dataset: the content script's DOM calls cost several times a page's, and these run
  // for every tweet that nears the viewport.
  host.setAttribute('data-ringside-place', place);
  host.setAttribute('data-theme', theme);
  if (COMPACT.has(place)) host.setAttribute('data-compact', '');
  setHandle(host, handle);
  return host;
}

let handleShown: (host: HTMLElement) => void = () => {};

/** Told of every host that starts showing a handle (presence dots follow it). */
export function onHandleShown(listener: (host: HTMLElement) => void): void {
  handleShown = listener;
}

export type ShownPresence = 'online' | 'busy' | null;

/**
 * The presence dot beside the buttons: only for online and busy. Nothing is shown for offline, which the
 * server also says of people who do not use Ringside.
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
  const label = i18n.t(state === 'online' ? 'presenceOnline' : 'presenceBusy');
  dot.setAttribute('aria-label', label);
  dot.title = label;
}

/** X reuses elements (profile header, recycled rows), so the buttons follow the handle. */
export function setHandle(host: HTMLElement, handle: string): void {
  if (host.getAttribute('data-ringside-handle') === handle) return;
  host.setAttribute('data-ringside-handle', handle);
  setPresence(host, null);
  handleShown(host);
  const { labels } = setup();
  for (let el = host.shadowRoot?.firstElementChild; el; el = el.nextElementSibling) {
    if (el.localName !== 'button') continue;
    const label = labels[el.getAttribute('data-media') as Media].replace(SLOT, handle);
    el.setAttribute('aria-label', label);
    el.setAttribute('title', label);
  }
}

/** The shadow root's first child of that tag: a few siblings, no selector (slow from a content script). */
function childOf(root: ShadowRoot, tag: string): HTMLElement | null {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) if (el.localName === tag) return el as HTMLElement;
  return null;
}

/**
 * One capturing listener on the window: a click or activation key on our buttons is handled here and
 * stopped before X sees it, so it never opens the row or card the buttons sit in. A key press reaches us
 * as the trusted click the browser makes from it; synthetic clicks and keys start nothing.
 */
function listenOnce() {
  const ours = (event: Event): { host: HTMLElement; button: HTMLElement | null } | null => {
    const host = event.target as HTMLElement | null;
    if (host?.tagName !== HOST_TAG_UPPER) return null;
    const button = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && !!n.dataset.media) ?? null;
    return { host, button };
  };
  addEventListener(
    'click',
    (event) => {
      const hit = ours(event);
      if (!hit) return;
      event.preventDefault();
      event.stopPropagation();
      // The shadow root is open, so X's scripts can reach our buttons: only the person's own click calls.
      if (!hit.button || !event.isTrusted) return;
      const message: ContentToBackground = { type: 'call.start', handle: hit.host.dataset.ringsideHandle!, media: hit.button.dataset.media as Media };
      void browser.runtime.sendMessage(message);
    },
    true,
  );
  for (const type of ['keydown', 'keyup'] as const) {
    addEventListener(
      type,
      (event) => {
        if (ACTIVATION_KEYS.has(event.key) && ours(event)) event.stopPropagation();
      },
      true,
    );
  }
}
