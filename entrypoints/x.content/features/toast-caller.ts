import { i18n } from '../core/i18n';
import type { Ring } from '../../../lib/protocol/ring';

/**
 * Who is calling, as X shows people: picture (or initial), display name, then what the call is. Everything
 * from the ring goes in as text or as an image URL the ring's schema already limited to X's image host.
 */
export function callerCard(ring: Ring): { avatar: HTMLElement; text: HTMLElement } {
  const who = document.createElement('div');
  who.className = 'who';
  who.id = 'ringside-incoming-text';
  if (ring.name) {
    const name = document.createElement('span');
    name.className = 'name';
    name.dataset.testid = 'ringside-incoming-name';
    name.textContent = ring.name;
    who.append(name);
  }
  const says = document.createElement('span');
  says.className = 'says';
  // A call link's guest has a name it typed, no handle: "Ann, guest via your link" (DESIGN §5 data-guest).
  // Signed in with X on the link's page: their X name and handle, as X said them.
  says.textContent = ring.guest?.handle
    ? i18n.t(ring.media === 'video' ? 'incomingGuestXVideo' : 'incomingGuestXAudio', [ring.guest.name, ring.guest.handle])
    : ring.guest
      ? i18n.t(ring.media === 'video' ? 'incomingGuestVideo' : 'incomingGuestAudio', [ring.guest.name])
      : i18n.t(ring.media === 'video' ? 'incomingVideo' : 'incomingAudio', [ring.from]);
  who.append(says);
  return { avatar: avatarOf(ring), text: who };
}

function avatarOf(ring: Ring): HTMLElement {
  const initial = document.createElement('span');
  initial.className = 'avatar';
  initial.setAttribute('aria-hidden', 'true');
  initial.textContent = (ring.guest?.name ?? ring.from).slice(0, 1).toUpperCase();
  if (!ring.avatarUrl) return initial;
  const img = document.createElement('img');
  img.className = 'avatar';
  img.alt = '';
  img.referrerPolicy = 'no-referrer';
  img.src = ring.avatarUrl;
  // A picture that does not load (gone, blocked) leaves the initial, never a broken-image box.
  img.addEventListener('error', () => img.replaceWith(initial), { once: true });
  return img;
}

/** "Audio call · 38 s left": what the call is, and how long it will still ring, ticking down each second. */
export function ringMeta(ring: Ring, signal: AbortSignal): HTMLElement {
  const meta = document.createElement('div');
  meta.className = 'meta';
  const kind = document.createElement('span');
  kind.textContent = i18n.t(ring.media === 'video' ? 'toastVideoCall' : 'toastAudioCall');
  const left = document.createElement('span');
  left.dataset.testid = 'ringside-incoming-remaining';
  const tick = () => {
    left.textContent = i18n.t('toastRingsFor', [String(Math.max(0, Math.ceil((ring.expiresAt - Date.now()) / 1000)))]);
  };
  tick();
  const timer = setInterval(tick, 1000);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  meta.append(kind, left);
  return meta;
}
