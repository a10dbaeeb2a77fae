import { i18n } from '../core/i18n';
import type { Ring } from '../../../lib/protocol/ring';
import type { ContentToBackground } from '../../../lib/messages/runtime-messages';
import type { Feature } from '../core/feature';
import { icon } from '../core/icons';
import { button, createShadowHost } from '../core/shadow-host';
import { toBackground } from '../to-background';
import { listenForToastShortcut } from './toast-shortcut';

const CSS = `
:host { position: fixed; inset-block-end: 24px; inset-inline-end: 24px; z-index: 2147483647; }
.toast {
  font: 15px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f1419; background: #fff;
  border-radius: 16px; box-shadow: 0 8px 28px rgba(0,0,0,.28); padding: 16px; min-inline-size: 260px;
  display: grid; gap: 12px;
}
@media (prefers-color-scheme: dark) { .toast { color: #e7e9ea; background: #15202b; } }
.actions { display: flex; gap: 8px; }
button {
  flex: 1; border: 0; border-radius: 9999px; padding: 8px 12px; font: inherit; font-weight: 700; cursor: pointer;
  display: inline-flex; gap: 6px; align-items: center; justify-content: center; color: #fff; background: #00ba7c;
}
button[data-testid="ringside-decline"] { background: #f4212e; }
button:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 2px; }
svg { inline-size: 18px; block-size: 18px; }
.unverified { font-size: 13px; color: #b35900; }
.hint { font-size: 13px; opacity: .75; }
`;

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

type Shown = Map<string, { host: HTMLElement; accept: HTMLElement; timer: ReturnType<typeof setTimeout> }>;

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
  const { host, root } = createShadowHost('ringside-incoming-call', CSS);
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.dataset.testid = 'ringside-incoming';
  toast.dataset.handle = ring.from;
  toast.setAttribute('role', 'group');
  // Assertive: a ring lasts seconds, and whoever is reading the page would miss it if it waited its turn.
  const announcement = document.createElement('div');
  announcement.setAttribute('role', 'alert');
  const text = document.createElement('div');
  text.id = 'ringside-incoming-text';
  // A call link's guest has a name it typed, no handle: "Ann, guest via your link" (DESIGN §5 data-guest).
  if (ring.guest) toast.dataset.guest = 'true';
  text.textContent = ring.guest
    ? i18n.t(ring.media === 'video' ? 'incomingGuestVideo' : 'incomingGuestAudio', [ring.guest.name])
    : i18n.t(ring.media === 'video' ? 'incomingVideo' : 'incomingAudio', [ring.from]);
  const hint = document.createElement('div');
  hint.id = 'ringside-incoming-hint';
  hint.className = 'hint';
  hint.textContent = i18n.t('incomingShortcut');
  toast.setAttribute('aria-labelledby', text.id);
  toast.setAttribute('aria-describedby', hint.id);
  toast.dataset.verified = String(ring.verified === true);
  if (!ring.verified) {
    const warning = document.createElement('div');
    warning.className = 'unverified';
    warning.textContent = i18n.t(ring.guest ? 'guestUnverified' : 'callerUnverified');
    text.append(document.createElement('br'), warning);
  }

  const acceptAudio = button('ringside-accept-audio', i18n.t('acceptAudio'), icon('phone'));
  const acceptVideo = button('ringside-accept-video', i18n.t('acceptVideo'), icon('video'));
  const decline = button('ringside-decline', i18n.t('decline'), icon('hangup'));
  acceptAudio.append(i18n.t('acceptAudioShort'));
  acceptVideo.append(i18n.t('acceptVideoShort'));
  decline.append(i18n.t('decline'));
  onTrusted(acceptAudio, { type: 'ring.accept', callId: ring.callId, media: 'audio' });
  onTrusted(acceptVideo, { type: 'ring.accept', callId: ring.callId, media: 'video' });
  onTrusted(decline, { type: 'ring.decline', callId: ring.callId });

  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(acceptAudio, ...(ring.media === 'video' ? [acceptVideo] : []), decline);
  announcement.append(text, hint);
  toast.append(announcement, actions);
  root.append(toast);
  document.body.append(host);
  shown.set(ring.callId, { host, accept: acceptAudio, timer: setTimeout(() => clear(ring.callId), ring.expiresAt - now) });
}

function clearRing(shown: Shown, callId: string): void {
  const entry = shown.get(callId);
  if (!entry) return;
  clearTimeout(entry.timer);
  entry.host.remove();
  shown.delete(callId);
}
