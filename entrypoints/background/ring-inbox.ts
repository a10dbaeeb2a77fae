import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { Ring } from '@/lib/protocol/ring';
import { activeRings } from '@/lib/storage/items';
import { showDesktopNotification } from './desktop-notification';
import { tellXTabs } from './x-tabs';

const NOTIFICATION_PREFIX = 'ring:';

/**
 * Incoming rings: kept in session storage (deduplicated by callId, surviving a worker restart until
 * they expire), shown as a desktop notification, a badge and a toast in every open x.com tab.
 */
export async function currentRings(now = Date.now()): Promise<Ring[]> {
  const rings = await activeRings.getValue();
  const live = rings.filter((ring) => ring.expiresAt > now);
  if (live.length !== rings.length) await activeRings.setValue(live);
  return live;
}

export async function findRing(callId: string): Promise<Ring | undefined> {
  return (await currentRings()).find((ring) => ring.callId === callId);
}

export async function addRing(ring: Ring): Promise<void> {
  const rings = await currentRings();
  if (rings.some((known) => known.callId === ring.callId)) return;
  await activeRings.setValue([...rings, ring]);
  await updateBadge(rings.length + 1);
  await tellXTabs({ type: 'ring.show', ring });
  await showDesktopNotification(NOTIFICATION_PREFIX + ring.callId, {
    title: i18n.t('notificationTitle'),
    message: [i18n.t(ring.media === 'video' ? 'incomingVideo' : 'incomingAudio', [ring.from]), ...(ring.verified ? [] : [i18n.t('callerUnverified')])].join('\n'),
    buttons: [i18n.t('accept'), i18n.t('decline')],
  });
}

export async function clearRing(callId: string): Promise<void> {
  const rings = await currentRings();
  const rest = rings.filter((ring) => ring.callId !== callId);
  if (rest.length !== rings.length) await activeRings.setValue(rest);
  await updateBadge(rest.length);
  await tellXTabs({ type: 'ring.clear', callId });
  await browser.notifications.clear(NOTIFICATION_PREFIX + callId);
}

export function ringIdFromNotification(notificationId: string): string | null {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : null;
}

async function updateBadge(count: number) {
  await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ color: '#00ba7c' });
}
