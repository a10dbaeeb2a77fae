import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { ContentToBackground } from '@/lib/messages/runtime-messages';
import type { Media } from '@/lib/protocol/wire';
import { icon } from './icons';
import { button, createShadowHost } from './shadow-host';

const HOST_TAG = 'ringside-call-buttons';

const CSS = `
:host { display: inline-flex; gap: 8px; margin-inline-end: 8px; align-items: center; vertical-align: middle; }
button {
  inline-size: 36px; block-size: 36px; border-radius: 9999px; display: grid; place-items: center;
  border: 1px solid rgb(207, 217, 222); background: transparent; color: inherit; cursor: pointer; padding: 0;
}
button:hover { background: rgba(15, 20, 25, 0.1); }
button:focus-visible { outline: 2px solid rgb(29, 155, 240); outline-offset: 2px; }
svg { inline-size: 20px; block-size: 20px; }
`;

export type Place = 'profile' | 'hovercard' | 'usercell' | 'tweet' | 'dm';

/** Audio and video call buttons for one person at one place on the page. */
export function createCallButtons(handle: string, place: Place): HTMLElement {
  const { host, root } = createShadowHost(HOST_TAG, CSS);
  host.dataset.ringsidePlace = place;
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
  root.append(audio, video);
  setHandle(host, handle);
  return host;
}

/** X reuses the header when moving between profiles, so the buttons follow the handle. */
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

export function placedButtons(place: Place): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`${HOST_TAG}[data-ringside-place="${place}"]`)];
}
