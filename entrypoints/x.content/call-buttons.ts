import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { ContentToBackground } from '@/lib/messages/runtime-messages';
import type { Media } from '@/lib/protocol/wire';
import { icon } from './icons';
import { button, createShadowHost } from './shadow-host';
import type { Theme } from './theme';

export const HOST_TAG = 'ringside-call-buttons';

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
`;

export type Place = 'profile' | 'hovercard' | 'usercell' | 'tweet' | 'dm';

/** Tweets are dense: there the two buttons are small and borderless. */
const COMPACT: ReadonlySet<Place> = new Set(['tweet']);

/** Keys that activate a button: X's clickable rows (user cells) would act on them too. */
const ACTIVATION_KEYS = new Set(['Enter', ' ']);

/** Audio and video call buttons for one person at one place on the page. */
export function createCallButtons(handle: string, place: Place, theme: Theme): HTMLElement {
  const { host, root } = createShadowHost(HOST_TAG, CSS);
  host.dataset.ringsidePlace = place;
  host.dataset.theme = theme;
  if (COMPACT.has(place)) host.dataset.compact = '';
  const audio = button('ringside-call-audio', '', icon('phone'));
  const video = button('ringside-call-video', '', icon('video'));
  for (const [el, media] of [[audio, 'audio'], [video, 'video']] as const) {
    el.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      const message: ContentToBackground = { type: 'call.start', handle: host.dataset.ringsideHandle!, media };
      void browser.runtime.sendMessage(message);
    });
  }
  // A click or key on our buttons must never reach the row or card they sit in (it would open the profile).
  root.addEventListener('keydown', (event) => {
    if (ACTIVATION_KEYS.has((event as KeyboardEvent).key)) event.stopPropagation();
  });
  root.addEventListener('keyup', (event) => {
    if (ACTIVATION_KEYS.has((event as KeyboardEvent).key)) event.stopPropagation();
  });
  root.append(audio, video);
  setHandle(host, handle);
  return host;
}

/** X reuses elements (profile header, recycled rows), so the buttons follow the handle. */
export function setHandle(host: HTMLElement, handle: string): void {
  if (host.dataset.ringsideHandle === handle) return;
  host.dataset.ringsideHandle = handle;
  const labels: Record<Media, string> = {
    audio: i18n.t('callAudio', [handle]),
    video: i18n.t('callVideo', [handle]),
  };
  for (const media of ['audio', 'video'] as const) {
    const el = host.shadowRoot?.querySelector(`[data-testid="ringside-call-${media}"]`);
    el?.setAttribute('aria-label', labels[media]);
    el?.setAttribute('title', labels[media]);
  }
}
