import { browser } from 'wxt/browser';
import { activeRings, callLog } from '@/lib/storage/items';

const RINGING_COLOR = '#00ba7c';
const MISSED_COLOR = '#f4212e';

/**
 * The toolbar badge, from storage alone (a restarted worker shows the same): the rings waiting while any
 * is live, else the missed calls the person has not looked at yet.
 */
export async function updateBadge(now = Date.now()): Promise<void> {
  const rings = (await activeRings.getValue()).filter((ring) => ring.expiresAt > now).length;
  const missed = (await callLog.getValue()).unseenMissed;
  const count = rings > 0 ? rings : missed;
  await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
  if (count > 0) await browser.action.setBadgeBackgroundColor({ color: rings > 0 ? RINGING_COLOR : MISSED_COLOR });
}
