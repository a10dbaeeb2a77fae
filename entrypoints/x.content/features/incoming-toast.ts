import { i18n } from '../core/i18n';
import type { Ring } from '../../../lib/protocol/ring';
import type { ContentToBackground } from '../../../lib/messages/runtime-messages';
import type { Feature } from '../core/feature';
import { icon } from '../core/icons';
import { button, createShadowHost } from '../core/shadow-host';
import { toBackground } from '../to-background';
import { listenForToastShortcut } from './toast-shortcut';
import { themeReader } from '../core/theme';
import { callerCard, ringMeta } from './toast-caller';
import { TOAST_CSS } from './toast-css';

/**
 * Acts only on the person's own clicks and keys (Enter or Space on a focused button is a trusted click),
 * the same gate as the call buttons' (core/call-button-input.ts). The shadow root is open, so a script on
 * x.com could call `.click()` on Accept and listen in; such synthetic events are never trusted.
 */
function onTrusted(el: HTMLElement, message: ContentToBackground) {
  el.addEventListener('click', (event) => {
    if (event.isTrusted) void toBackground(message);
  });
}

type Shown = Map<string, { host: HTMLElement; accept: HTMLElement; timer: ReturnType<typeof setTimeout>; ticking: AbortController }>;

/** X's theme as the page shows it; read when a toast appears (a ring lasts under a minute). */
const readTheme = themeReader();

/** The incoming-call toast in an x.com tab: rings the background passes on, and those waiting as the page starts. */
export const incomingToast: Feature = {
  start({ ctx }) {
    const shown: Shown = new Map();
    // Where the shortcut took focus from: it goes back there when the toast it went to leaves.
    let returnTo: Element | null = null;
    const newest = () => [...shown.values()].at(-1)?.accept ?? null;
    listenForToastShortcut(ctx.signal, newest, (el) => (returnTo = el));
    const clear = (callId: string) => {
      const host = shown.get(callId)?.host;
      const hadFocus = !!host && document.activeElement === host;
      clearRing(shown, callId);
      if (hadFocus && returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus();
    };
    ctx.onInvalidated(() => {
      for (const callId of [...shown.keys()]) clear(callId);
    });
    return {
      started(start) {
        for (const ring of start.rings) showRing(shown, ring, clear);
      },
      heard(message) {
        if (message.type === 'ring.show') showRing(shown, message.ring, clear);
        else if (message.type === 'ring.clear') clear(message.callId);
      },
    };
  },
};

/**
 * Who calls, accept with audio or video, or decline. The toast never takes focus: someone typing on x.com
 * as a ring arrives would otherwise answer it with their next space or Enter, camera on. It is announced
 * instead, and Alt+Shift+A (toast-shortcut.ts) brings focus to it.
 */
function showRing(shown: Shown, ring: Ring, clear: (callId: string) => void, now = Date.now()): void {
  if (shown.has(ring.callId) || ring.expiresAt <= now) return;
  const { host, root } = createShadowHost('ringside-incoming-call', TOAST_CSS);
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.dataset.testid = 'ringside-incoming';
  toast.dataset.handle = ring.from;
  toast.dataset.theme = readTheme(true) ?? 'light';
  toast.setAttribute('role', 'group');
  // Assertive: a ring lasts seconds, and whoever is reading the page would miss it if it waited its turn.
  const announcement = document.createElement('div');
  announcement.setAttribute('role', 'alert');
  const { avatar, text } = callerCard(ring);
  if (ring.guest) toast.dataset.guest = 'true';
  const hint = document.createElement('div');
  hint.id = 'ringside-incoming-hint';
  hint.className = 'hint';
  hint.textContent = i18n.t('incomingShortcut');
  toast.setAttribute('aria-labelledby', text.id);
  toast.setAttribute('aria-describedby', hint.id);
  // A guest is verified when they signed in with X on the link's page, whatever the ring's own flag says.
  const verified = ring.guest ? ring.guest.verified : ring.verified === true;
  toast.dataset.verified = String(verified);
  announcement.className = 'who';
  announcement.append(text);
  if (!verified) {
    const warning = document.createElement('div');
    warning.className = 'unverified';
    warning.textContent = i18n.t(ring.guest ? 'guestUnverified' : 'callerUnverified');
    announcement.append(warning);
  }
  // Outside the alert: a countdown read aloud every second would drown the ring itself.
  const ticking = new AbortController();
  const meta = ringMeta(ring, ticking.signal);

  const acceptAudio = button('ringside-accept-audio', i18n.t('acceptAudio'), icon('phone'));
  const acceptVideo = button('ringside-accept-video', i18n.t('acceptVideo'), icon('video'));
  const decline = button('ringside-decline', i18n.t('decline'), icon('hangup'));
  acceptAudio.append(i18n.t('acceptAudioShort'));
  acceptVideo.append(i18n.t('acceptVideoShort'));
  decline.append(i18n.t('decline'));
  onTrusted(acceptAudio, { type: 'ring.accept', callId: ring.callId, media: 'audio' });
  onTrusted(acceptVideo, { type: 'ring.accept', callId: ring.callId, media: 'video' });
  onTrusted(decline, { type: 'ring.decline', callId: ring.callId });
  // Block ends the ring as decline does, and the caller reaches this account no more.
  const block = button('ringside-block', i18n.t('blockCaller', [ring.from]), i18n.t('requestBlock'));
  block.className = 'block';
  onTrusted(block, { type: 'ring.decline', callId: ring.callId });
  onTrusted(block, { type: 'reach.change', change: { type: 'block', handle: ring.from } });

  const actions = document.createElement('div');
  actions.className = 'actions';
  // A guest has no account to block: declining is all there is (the link is one-time anyway).
  actions.append(acceptAudio, ...(ring.media === 'video' ? [acceptVideo] : []), decline, ...(ring.guest ? [] : [block]));
  announcement.append(hint);
  const caller = document.createElement('div');
  caller.className = 'caller';
  caller.append(avatar, announcement);
  toast.append(caller, meta, actions);
  root.append(toast);
  document.body.append(host);
  shown.set(ring.callId, { host, accept: acceptAudio, ticking, timer: setTimeout(() => clear(ring.callId), ring.expiresAt - now) });
}

function clearRing(shown: Shown, callId: string): void {
  const entry = shown.get(callId);
  if (!entry) return;
  clearTimeout(entry.timer);
  entry.ticking.abort();
  entry.host.remove();
  shown.delete(callId);
}
