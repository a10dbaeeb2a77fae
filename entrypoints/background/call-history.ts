import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { appendCall, clearCalls, isMissed, markSeen, markSeenUpTo, removeCall, type CallLog, type CallRecord } from '@/lib/call-log/call-log';
import type { EndReason } from '@/lib/protocol/end-reason';
import type { Media } from '@/lib/protocol/media';
import type { Ring } from '@/lib/protocol/ring';
import { callLog } from '@/lib/storage/items';
import { updateBadge } from './badge';
import { showDesktopNotification } from './desktop-notification';

const MISSED_PREFIX = 'missed:';
/** Not MISSED_PREFIX: nothing in it to call back, and markCallsSeen clears both. */
const GUEST_MISSED_PREFIX = 'missed-guest:';

/**
 * The call log's one writer. Every change is a read-modify-write of one storage item, chained so two
 * changes in this worker never interleave; a record is keyed by its callId, so whoever reports a call
 * again (the window and the background, a restarted worker) adds nothing.
 */
let changes: Promise<unknown> = Promise.resolve();

function change<T>(apply: (log: CallLog) => { log: CallLog; result: T }): Promise<T> {
  const next = changes.catch(() => {}).then(async () => {
    const before = await callLog.getValue();
    const { log, result } = apply(before);
    if (log !== before) await callLog.setValue(log);
    return result;
  });
  changes = next;
  return next;
}

/** `quiet`: a call that arrived under do-not-disturb is logged and counted, with no notification. */
export async function recordCall(record: CallRecord, quiet = false): Promise<void> {
  const added = await change((log) => {
    const next = appendCall(log, record);
    return { log: next.log, result: next.added };
  });
  if (!added || !isMissed(record)) return;
  await updateBadge();
  if (quiet) return;
  // A guest has no handle to call back: its notification only says who it was.
  if (record.guest) {
    await showDesktopNotification(`${GUEST_MISSED_PREFIX}${record.callId}`, {
      title: i18n.t('missedCallTitle'),
      message: i18n.t('missedCallFromGuest', [record.guest.name]),
    });
    return;
  }
  await showDesktopNotification(missedNotificationId(record), {
    title: i18n.t('missedCallTitle'),
    message: record.name ? i18n.t('missedCallFromNamed', [record.name, record.handle]) : i18n.t('missedCallFrom', [record.handle]),
    buttons: [i18n.t('callBack')],
  });
}

/**
 * A ring that ended before any window took it. Its time is when it stopped ringing, at most one ring's
 * length after it began: the ring itself carries only its expiry.
 */
export async function recordRingEnd(ring: Ring, reason: EndReason, now = Date.now()): Promise<void> {
  const who = { ...(ring.name && { name: ring.name }), ...(ring.guest && { guest: ring.guest }) };
  return recordCall({ callId: ring.callId, handle: ring.from, ...who, direction: 'in', media: ring.media, startedAt: now, durationMs: 0, reason });
}

/**
 * The person opened the popup or the log (`upTo` absent), or did so on another of their devices at `upTo`:
 * the missed calls are seen, their badge and notifications go.
 */
export async function markCallsSeen(upTo?: number): Promise<void> {
  const log = await change((before) => {
    const after = upTo === undefined ? markSeen(before) : markSeenUpTo(before, upTo);
    return { log: after, result: after };
  });
  await updateBadge();
  const stillMissed = new Set(log.entries.filter((entry) => isMissed(entry) && upTo !== undefined && entry.startedAt > upTo).map((entry) => entry.callId));
  const shown = Object.keys(await browser.notifications.getAll());
  const missedNotice = (id: string) => id.startsWith(MISSED_PREFIX) || id.startsWith(GUEST_MISSED_PREFIX);
  const seen = shown.filter((id) => missedNotice(id) && !stillMissed.has(id.split(':').at(-1) ?? ''));
  await Promise.all(seen.map((id) => browser.notifications.clear(id)));
}

export async function forgetCall(callId: string): Promise<void> {
  await change((log) => ({ log: removeCall(log, callId), result: null }));
}

export async function forgetAllCalls(): Promise<void> {
  await change(() => ({ log: clearCalls(), result: null }));
  await updateBadge();
}

/** The notification's id carries what Call back needs, so its click handler dials in the same turn. */
function missedNotificationId(record: CallRecord): string {
  return `${MISSED_PREFIX}${record.media}:${record.handle}:${record.callId}`;
}

export function callBackFromNotification(notificationId: string): { handle: string; media: Media } | null {
  if (!notificationId.startsWith(MISSED_PREFIX)) return null;
  const [media, handle] = notificationId.slice(MISSED_PREFIX.length).split(':');
  if ((media !== 'audio' && media !== 'video') || !handle) return null;
  return { handle, media };
}
