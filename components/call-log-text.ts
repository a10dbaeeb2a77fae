import { i18n } from '#i18n';
import { isMissed, type CallRecord } from '@/lib/call-log/call-log';
import { callStatusText } from './call-status';
import { peerLabel } from './peer-label';

/** "Missed, Video, 06/12/2026 14:03": which way, which media, when. */
export function callSummary(record: CallRecord, locale?: string): string {
  const way = isMissed(record) ? 'logMissed' : record.direction === 'in' ? 'logIncoming' : 'logOutgoing';
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(record.startedAt);
  return i18n.t('logSummary', [i18n.t(way), i18n.t(record.media === 'video' ? 'logVideo' : 'logAudio'), when]);
}

/** How long it lasted, or, for a call that never connected, why (as the call window said it). */
export function callOutcome(record: CallRecord): string | null {
  if (isMissed(record)) return null;
  if (record.durationMs > 0) {
    const seconds = Math.round(record.durationMs / 1000);
    return i18n.t('logDuration', [String(Math.floor(seconds / 60)), String(seconds % 60)]);
  }
  const ended = {
    phase: 'ended',
    callId: record.callId,
    peer: record.handle,
    media: record.media,
    role: record.direction === 'out' ? 'caller' : 'callee',
    reason: record.reason,
    connectedAt: null,
    endedAt: record.startedAt,
  } as const;
  return callStatusText(ended, peerLabel(record.handle, record.guest));
}
