import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { EndReason } from '@/lib/protocol/end-reason';
import type { Ring } from '@/lib/protocol/ring';
import { activeRings } from '@/lib/storage/items';
import { updateBadge } from './badge';
import { recordRingEnd } from './call-history';
import { showDesktopNotification } from './desktop-notification';
import { tellXTabs } from './x-tabs';

const NOTIFICATION_PREFIX = 'ring:';

/**
 * Incoming rings: kept in session storage (deduplicated by callId, surviving a worker restart until
 * they expire), shown as a desktop notification, a badge and a toast in every open x.com tab. A ring that
 * ends here without a call window taking it goes into the call log.
 */
export async function currentRings(now = Date.now()): Promise<Ring[]> {
  const rings = await activeRings.getValue();
  const live = rings.filter((ring) => ring.expiresAt > now);
  if (live.length === rings.length) return live;
  await activeRings.setValue(live);
  await updateBadge(now);
  // Expired while the server could not say so (link down, worker asleep): nobody answered.
  for (const ring of rings) {
    if (live.includes(ring)) continue;
    await hideRing(ring.callId);
    await recordRingEnd(ring, 'no-answer');
  }
  return live;
}

export async function findRing(callId: string): Promise<Ring | undefined> {
  return (await currentRings()).find((ring) => ring.callId === callId);
}

export async function addRing(ring: Ring): Promise<void> {
  const rings = await currentRings();
  if (rings.some((known) => known.callId === ring.callId)) return;
  await activeRings.setValue([...rings, ring]);
  await updateBadge();
  await tellXTabs({ type: 'ring.show', ring });
  await showDesktopNotification(NOTIFICATION_PREFIX + ring.callId, {
    title: i18n.t('notificationTitle'),
    message: [i18n.t(ring.media === 'video' ? 'incomingVideo' : 'incomingAudio', [ring.from]), ...(ring.verified ? [] : [i18n.t('callerUnverified')])].join('\n'),
    buttons: [i18n.t('accept'), i18n.t('decline')],
    persistent: true,
  });
}

/** `ended`: how it ended, for the call log; null when a call window takes the ring and will log the call. */
export async function clearRing(callId: string, ended: EndReason | null): Promise<void> {
  const rings = await currentRings();
  const rest = rings.filter((ring) => ring.callId !== callId);
  const gone = rings.find((ring) => ring.callId === callId);
  if (gone) await activeRings.setValue(rest);
  await updateBadge();
  await hideRing(callId);
  // After the ring's own notification is gone, so a missed call's never shows beside it.
  if (gone && ended) await recordRingEnd(gone, ended);
}

/** Its toast and its notification go. */
async function hideRing(callId: string): Promise<void> {
  await tellXTabs({ type: 'ring.clear', callId });
  await browser.notifications.clear(NOTIFICATION_PREFIX + callId);
}

export function ringIdFromNotification(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : null;
}
