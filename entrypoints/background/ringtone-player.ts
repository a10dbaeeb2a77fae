import { browser } from 'wxt/browser';
import { optional } from './capabilities';

/** Makes the ringtone sound or not; idempotent, so it can be told the whole truth on every change. */
export interface RingtonePlayer {
  set(play: boolean): Promise<void>;
}

type Offscreen = NonNullable<typeof optional.offscreen>;

const RINGTONE_URL = '/ringtone.wav';
const OFFSCREEN_PAGE = '/offscreen.html';

/**
 * Chromium's service worker has no DOM and cannot play sound: an offscreen document
 * does, opened to ring and closed to stop (closing silences it at once, and leaves nothing behind). Firefox's
 * background is an event page with a DOM, where an `Audio` element plays directly.
 */
export function createRingtonePlayer(): RingtonePlayer {
  const offscreen = optional.offscreen;
  return offscreen ? offscreenPlayer(offscreen) : audioElementPlayer();
}

function offscreenPlayer(offscreen: Offscreen): RingtonePlayer {
  // One change at a time: creating a document while another create is under way throws.
  let queue = Promise.resolve();
  return {
    set(play) {
      queue = queue.then(async () => {
        const open = await offscreen.hasDocument();
        if (play && !open) {
          await offscreen.createDocument({
            url: browser.runtime.getURL(OFFSCREEN_PAGE),
            reasons: ['AUDIO_PLAYBACK'],
            justification: 'Plays the ringtone while a call rings.',
          });
        } else if (!play && open) {
          await offscreen.closeDocument();
        }
      }).catch((error: unknown) => console.warn('[ringside] ringtone:', error));
      return queue;
    },
  };
}

function audioElementPlayer(): RingtonePlayer {
  let audio: HTMLAudioElement | null = null;
  return {
    async set(play) {
      if (typeof Audio === 'undefined') return;
      if (!play) {
        audio?.pause();
        audio?.remove();
        audio = null;
        return;
      }
      if (audio) return;
      audio = new Audio(browser.runtime.getURL(RINGTONE_URL));
      audio.loop = true;
      // In the background page's document while it rings, as Chromium's is in the offscreen document's: what
      // sounds can be found there (the debugger, tests/e2e/firefox.test.ts), and nothing is left once it stops.
      document.body.append(audio);
      await audio.play().catch((error: unknown) => console.warn('[ringside] ringtone:', error));
    },
  };
}
