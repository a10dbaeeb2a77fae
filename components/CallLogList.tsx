import { i18n } from '#i18n';
import { isMissed, type CallRecord } from '@/lib/call-log/call-log';
import type { Media } from '@/lib/protocol/media';
import { callOutcome, callSummary } from './call-log-text';
import { peerLabel } from './peer-label';

export interface CallLogListProps {
  entries: readonly CallRecord[];
  onCall(handle: string, media: Media): void;
  /** Offered in the full log only. */
  onRemove?(callId: string): void;
  /** Block the person of a call (the account's blocked list). */
  onBlock?(handle: string): void;
  emptyText: string;
}

/** Calls, newest first, each with call back (audio, video), block and, in the full log, remove. */
export function CallLogList({ entries, onCall, onRemove, onBlock, emptyText }: CallLogListProps) {
  if (entries.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ul className="calls">
      {entries.map((record) => {
        const missed = isMissed(record);
        const outcome = callOutcome(record);
        return (
          <li
            key={record.callId}
            className={missed ? 'call missed' : 'call'}
            data-testid="ringside-recent"
            data-handle={record.handle}
            data-direction={record.direction}
            data-missed={String(missed)}
            data-guest={record.guest ? 'true' : undefined}
          >
            <div className="call-facts">
              <span className="call-who">
                {record.guest ? (
                  i18n.t('guestViaLink', [record.guest.name])
                ) : (
                  <>
                    {record.name && <span className="call-name">{record.name} </span>}
                    <span className={record.name ? 'call-handle' : undefined}>@{record.handle}</span>
                  </>
                )}
              </span>
              <span className="call-summary">{callSummary(record)}</span>
              {outcome && <span className="call-outcome">{outcome}</span>}
            </div>
            <div className="call-actions">
              {/* A guest has no handle to call back or block: the link was theirs once. */}
              {!record.guest && <CallBack handle={record.handle} onCall={onCall} onBlock={onBlock} />}
              {onRemove && (
                <button type="button" data-testid="ringside-recent-remove" aria-label={i18n.t('callLogRemove', [peerLabel(record.handle, record.guest)])} onClick={() => onRemove(record.callId)}>
                  ×
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function CallBack({ handle, onCall, onBlock }: { handle: string } & Pick<CallLogListProps, 'onCall' | 'onBlock'>) {
  return (
    <>
      <button type="button" data-testid="ringside-call-back" data-media="audio" aria-label={i18n.t('callBackAudio', [handle])} onClick={() => onCall(handle, 'audio')}>
        {i18n.t('logAudio')}
      </button>
      <button type="button" data-testid="ringside-call-back" data-media="video" aria-label={i18n.t('callBackVideo', [handle])} onClick={() => onCall(handle, 'video')}>
        {i18n.t('logVideo')}
      </button>
      {onBlock && (
        <button type="button" data-testid="ringside-recent-block" aria-label={i18n.t('blockCaller', [handle])} onClick={() => onBlock(handle)}>
          {i18n.t('requestBlock')}
        </button>
      )}
    </>
  );
}
