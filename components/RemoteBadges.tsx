import { i18n } from '#i18n';
import type { InCallView } from '@/lib/call/in-call-view';
import { Icon } from './call-icons';

/** How the other person stands, over their video: muted, camera off, sharing, speaking. */
export function RemoteBadges({ who, inCall }: { who: string; inCall: InCallView }) {
  const remote = inCall.remote;
  return (
    <div className="badges">
      {remote?.muted && (
        <span className="badge" data-testid="ringside-remote-muted">
          <Icon name="micOff" />
          {i18n.t('remoteMuted', [who])}
        </span>
      )}
      {remote?.sharing && (
        <span className="badge" data-testid="ringside-remote-sharing">
          <Icon name="screen" />
          {i18n.t('remoteSharing', [who])}
        </span>
      )}
      {inCall.remoteSpeaking && !remote?.muted && (
        <span className="badge speaking" data-testid="ringside-remote-speaking">
          {i18n.t('remoteSpeaking', [who])}
        </span>
      )}
    </div>
  );
}
