import { i18n } from '#i18n';
import type { CallView as CallViewModel } from '@/lib/call/call-controller';
import { CallTimer } from './CallTimer';
import { callStatusText } from './call-status';
import { StreamVideo } from './StreamVideo';

export interface CallViewProps {
  view: CallViewModel;
  linkUp: boolean;
  onHangup(): void;
  onClose(): void;
}

/** The call window: the other person, your preview, where the call stands, and the controls. */
export function CallView({ view, linkUp, onHangup, onClose }: CallViewProps) {
  const { call } = view;
  const peer = 'peer' in call ? call.peer : undefined;
  const live = call.phase !== 'idle' && call.phase !== 'ended';
  const connectedAt = 'connectedAt' in call ? call.connectedAt : null;
  return (
    <main
      className="call"
      data-testid="ringside-call"
      data-state={call.phase}
      data-peer={peer}
      data-end-reason={call.phase === 'ended' ? call.reason : undefined}
    >
      <div className="stage">
        <StreamVideo
          stream={view.remoteStream}
          testid="ringside-remote-video"
          label={peer ? i18n.t('remoteVideo', [peer]) : ''}
        />
        <StreamVideo stream={view.localStream} testid="ringside-local-video" label={i18n.t('localVideo')} muted />
      </div>
      <p className="status" role="status" aria-live="polite">
        {callStatusText(call)}
      </p>
      {connectedAt !== null && (
        <CallTimer since={connectedAt} until={call.phase === 'ended' ? call.endedAt : undefined} />
      )}
      {!linkUp && live && (
        <p className="link-down" role="alert">
          {i18n.t('linkDown')}
        </p>
      )}
      <div className="controls">
        {live && (
          <button type="button" className="hangup" data-testid="ringside-hangup" aria-label={i18n.t('hangUp')} onClick={onHangup}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path
                fill="currentColor"
                d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85.99.99 0 0 1-1.4 0L.3 13.08a1 1 0 0 1 0-1.41A16.9 16.9 0 0 1 12 7c4.57 0 8.7 1.8 11.7 4.67a1 1 0 0 1 0 1.41l-2.48 2.49a1 1 0 0 1-1.4 0 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z"
              />
            </svg>
          </button>
        )}
        {call.phase === 'ended' && (
          <button type="button" className="close" onClick={onClose}>
            {i18n.t('closeWindow')}
          </button>
        )}
      </div>
    </main>
  );
}
