import { i18n } from './i18n';
import { Media } from '../../../lib/protocol/wire';
import { CALL_BUTTONS_CSS as CSS } from './call-buttons-css';
import { closeCallMenu, MENU_TRIGGER_TESTID } from './call-menu';
import { HOST_TAG } from './host-tag';
import { icon } from './icons';
import { MORE_TRIGGER_TESTID, moreTrigger } from './reach-items';
import type { Place } from './placement';
import type { Theme } from './theme';

/**
 * Tweets are dense, and a timeline adds hundreds: there one small borderless button opens the choice of
 * audio or video (call-menu.ts), which costs the page half of what two buttons do.
 */
const COMPACT: ReadonlySet<Place> = new Set(['tweet']);
const SLOT = '\u0001';
/** Where a person's whole profile is shown, a button opens Add to contacts and Block (compact menus have them already). */
const WITH_MORE: ReadonlySet<Place> = new Set(['profile']);

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

function fill(root: ShadowRoot, sheet: CSSStyleSheet | null, compact: boolean) {
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
  if (compact) {
    const trigger = document.createElement('button');
    trigger.type = 'button';
    trigger.dataset.testid = MENU_TRIGGER_TESTID;
    trigger.setAttribute('aria-haspopup', 'menu');
    trigger.setAttribute('aria-expanded', 'false');
    root.append(trigger);
    return;
  }
  for (const media of Media.options) {
    const el = document.createElement('button');
    el.type = 'button';
    el.dataset.testid = `ringside-call-${media}`;
    el.dataset.media = media;
    el.append(icon(media === 'audio' ? 'phone' : 'video'));
    root.append(el);
  }
}

function prototypeHost(sheet: CSSStyleSheet | null, compact: boolean): HTMLElement {
  const prototype = document.createElement(HOST_TAG);
  fill(prototype.attachShadow({ mode: 'open', clonable: true } as ShadowRootInit), sheet, compact);
  return prototype;
}

function setHostAttributes(host: HTMLElement, place: Place, theme: Theme) {
  if (WITH_MORE.has(place)) host.shadowRoot?.append(moreTrigger());
  host.setAttribute('data-ringside-place', place);
  host.setAttribute('data-theme', theme);
  if (COMPACT.has(place)) host.setAttribute('data-compact', '');
}

/** Told of every host that starts showing a handle; `reused` when it showed someone else before. */
export type HandleShown = (host: HTMLElement, handle: string, reused: boolean) => void;

export interface CallButtons {
  /**
   * Builds what every host shares while the page is idle, so the first buttons a page needs (a timeline's
   * first tweets) cost no more than the rest. The extension APIs it touches are set up lazily by the
   * browser: the first label lookup alone costs as much as dozens of hosts.
   */
  prepare(): void;
  /** Audio and video call buttons (or, where compact, the button offering both) for one person at one place. */
  create(handle: string, place: Place, theme: Theme): HTMLElement;
  /** X reuses elements (profile header, recycled rows), so the buttons follow the handle. */
  setHandle(host: HTMLElement, handle: string): void;
  onHandleShown(listener: HandleShown): void;
}

/**
 * The call buttons of one copy of the content script. A timeline adds hundreds of them, so everything is
 * built once: a prototype host whose shadow root is clonable (one native cloneNode per placement; browsers
 * without clonable shadow roots build each one from the same parts) and the label text looked up once.
 * Clicks are heard by one listener for the whole page (call-button-input.ts), not by listeners per button.
 */
export function createCallButtons(): CallButtons {
  let shared: {
    prototype: HTMLElement;
    compactPrototype: HTMLElement;
    clonable: boolean;
    sheet: CSSStyleSheet | null;
    labels: Record<Media | 'menu' | 'more', string>;
  } | null = null;
  /**
   * One prototype per place and theme, its host attributes already set: a clone then needs only the handle.
   * Null where shadow roots cannot be cloned.
   */
  const prototypes = new Map<string, HTMLElement>();
  let handleShown: HandleShown = () => {};

  function setup() {
    if (shared) return shared;
    const probe = document.createElement(HOST_TAG);
    const sheet = sharedSheet(probe.attachShadow({ mode: 'open' }));
    const prototype = prototypeHost(sheet, false);
    const clonable = !!(prototype.cloneNode(true) as HTMLElement).shadowRoot;
    const labels = { audio: i18n.t('callAudio', [SLOT]), video: i18n.t('callVideo', [SLOT]), menu: i18n.t('callMenu', [SLOT]), more: i18n.t('moreActions', [SLOT]) };
    shared = { prototype, compactPrototype: prototypeHost(sheet, true), clonable, sheet, labels };
    return shared;
  }

  /** The last prototype asked for: a timeline asks for the same one every time. */
  let last: { place: Place; theme: Theme; prototype: HTMLElement | null } | null = null;

  function prototypeFor(place: Place, theme: Theme): HTMLElement | null {
    if (last?.place === place && last.theme === theme) return last.prototype;
    const { prototype, compactPrototype, clonable } = setup();
    let own: HTMLElement | null = null;
    if (clonable) {
      const key = `${place} ${theme}`;
      own = prototypes.get(key) ?? null;
      if (!own) {
        own = (COMPACT.has(place) ? compactPrototype : prototype).cloneNode(true) as HTMLElement;
        setHostAttributes(own, place, theme);
        prototypes.set(key, own);
      }
    }
    last = { place, theme, prototype: own };
    return own;
  }

  function showHandle(host: HTMLElement, handle: string, reused: boolean) {
    host.setAttribute('data-ringside-handle', handle);
    const { labels } = shared ?? setup();
    for (let el = host.shadowRoot?.firstElementChild; el; el = el.nextElementSibling) {
      if (el.localName !== 'button') continue;
      const kind = (el.getAttribute('data-media') as Media | null) ?? (el.getAttribute('data-testid') === MORE_TRIGGER_TESTID ? 'more' : 'menu');
      const label = labels[kind].replace(SLOT, handle);
      el.setAttribute('aria-label', label);
      el.setAttribute('title', label);
    }
    handleShown(host, handle, reused);
  }

  return {
    prepare() {
      const idle = (globalThis as { requestIdleCallback?: (run: () => void) => void }).requestIdleCallback ?? ((run) => setTimeout(run, 0));
      idle(setup);
    },
    create(handle, place, theme) {
      const { sheet } = shared ?? setup();
      const prototype = prototypeFor(place, theme);
      let host: HTMLElement;
      if (prototype) {
        host = prototype.cloneNode(true) as HTMLElement;
        // A clone does not carry its original's adopted sheets.
        if (sheet) host.shadowRoot!.adoptedStyleSheets = [sheet];
      } else {
        host = document.createElement(HOST_TAG);
        fill(host.attachShadow({ mode: 'open' }), sheet, COMPACT.has(place));
        setHostAttributes(host, place, theme);
      }
      showHandle(host, handle, false);
      return host;
    },
    setHandle(host, handle) {
      if (host.getAttribute('data-ringside-handle') === handle) return;
      closeCallMenu(host);
      showHandle(host, handle, true);
    },
    onHandleShown(listener) {
      handleShown = listener;
    },
  };
}
