import { i18n } from '#i18n';
import type { CallState } from '@/lib/call/call-state';

/**
 * The one sentence that tells a person where their call stands, or why it ended; `who` names the other
 * person (components/peer-label.ts), "@" and their handle unless said otherwise.
 */
export function callStatusText(call: CallState, who = 'peer' in call ? `@${call.peer}` : ''): string {
  switch (call.phase) {
    case 'idle':
      return i18n.t('stateIdle');
    case 'outgoing':
      return i18n.t(call.ringing ? 'stateRinging' : 'stateOutgoing', [who]);
    case 'incoming':
      return i18n.t('stateIncoming', [who]);
    case 'connecting':
      return i18n.t('stateConnecting', [who]);
    case 'connected':
      return i18n.t('stateConnected', [who]);
    case 'reconnecting':
      return i18n.t('stateReconnecting');
    case 'ended':
      return endText(call, who);
  }
}

function endText(call: Extract<CallState, { phase: 'ended' }>, who: string): string {
  const byMe = call.role === 'caller';
  switch (call.reason) {
    case 'hangup':
      return i18n.t('endHangup');
    case 'remote-hangup':
      return i18n.t('endRemoteHangup', [who]);
    case 'declined':
      return byMe ? i18n.t('endDeclinedByThem', [who]) : i18n.t('endDeclinedByMe');
    case 'no-answer':
      return i18n.t('endNoAnswer');
    case 'cancelled':
      return byMe ? i18n.t('endCancelledByMe') : i18n.t('endCancelledByThem', [who]);
    case 'busy':
      return i18n.t('endBusy', [who]);
    case 'offline':
      return i18n.t('endOffline', [who]);
    case 'unavailable':
      return i18n.t('endUnavailable', [who]);
    case 'answered-elsewhere':
      return i18n.t('endAnsweredElsewhere');
    case 'connection-lost':
      return i18n.t('endConnectionLost');
    case 'media-denied':
      return i18n.t('endMediaDenied');
    case 'error':
      return i18n.t('endError');
    case 'rate-limited':
      return i18n.t('endRateLimited');
    case 'relay-unavailable':
      return i18n.t('endRelayUnavailable');
    case 'server-full':
      return i18n.t('endServerFull');
  }
}
