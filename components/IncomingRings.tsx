import { i18n } from '#i18n';
import type { Media } from '@/lib/protocol/media';
import type { Ring } from '@/lib/protocol/ring';
import { Avatar } from './Avatar';
import { Icon } from './call-icons';

export interface IncomingRingsProps {
  rings: readonly Ring[];
  /** The clock the "s left" reads, ticking each second. */
  now: number;
  onAccept(callId: string, media: Media): void;
  onDecline(callId: string): void;
  onBlock(callId: string, handle: string): void;
}

/**
 * Live rings, first in the popup: who calls as X shows them, audio or video, how long it still rings, and the
 * toast's own actions. Unlike the toast on x.com, the popup is opened on purpose, so its buttons take keys.
 */
export function IncomingRings({ rings, now, onAccept, onDecline, onBlock }: IncomingRingsProps) {
  const live = rings.filter((ring) => ring.expiresAt > now);
  if (live.length === 0) return null;
  return (
    <section className="incoming-list" aria-label={i18n.t('incomingTitle')}>
      {live.map((ring) => (
        <IncomingRing key={ring.callId} ring={ring} now={now} onAccept={onAccept} onDecline={onDecline} onBlock={onBlock} />
      ))}
    </section>
  );
}

function IncomingRing({ ring, now, onAccept, onDecline, onBlock }: Omit<IncomingRingsProps, 'rings'> & { ring: Ring }) {
  const textId = `incoming-${ring.callId}`;
  const says = ring.guest
    ? i18n.t(ring.media === 'video' ? 'incomingGuestVideo' : 'incomingGuestAudio', [ring.guest.name])
    : i18n.t(ring.media === 'video' ? 'incomingVideo' : 'incomingAudio', [ring.from]);
  const secondsLeft = Math.max(0, Math.ceil((ring.expiresAt - now) / 1000));
  return (
    <div
      className="incoming"
      role="group"
      aria-labelledby={textId}
      data-testid="ringside-incoming"
      data-handle={ring.from}
      data-verified={String(ring.verified === true)}
      {...(ring.guest && { 'data-guest': 'true' })}
    >
      <div className="incoming-caller">
        <Avatar handle={ring.from} url={ring.avatarUrl} label={ring.guest?.name} />
        <div className="incoming-who" id={textId}>
          {ring.name && (
            <span className="incoming-name" data-testid="ringside-incoming-name">
              {ring.name}
            </span>
          )}
          <span className="incoming-says">{says}</span>
          {!ring.verified && <span className="unverified">{i18n.t(ring.guest ? 'guestUnverified' : 'callerUnverified')}</span>}
        </div>
      </div>
      <p className="incoming-meta">
        <span>{i18n.t(ring.media === 'video' ? 'toastVideoCall' : 'toastAudioCall')}</span>
        <span data-testid="ringside-incoming-remaining">{i18n.t('toastRingsFor', [String(secondsLeft)])}</span>
      </p>
      <div className="incoming-actions">
        <button type="button" className="accept" data-testid="ringside-accept-audio" aria-label={i18n.t('acceptAudio')} onClick={() => onAccept(ring.callId, 'audio')}>
          <Icon name="mic" />
          {i18n.t('acceptAudioShort')}
        </button>
        {ring.media === 'video' && (
          <button type="button" className="accept" data-testid="ringside-accept-video" aria-label={i18n.t('acceptVideo')} onClick={() => onAccept(ring.callId, 'video')}>
            <Icon name="camera" />
            {i18n.t('acceptVideoShort')}
          </button>
        )}
        <button type="button" className="decline" data-testid="ringside-decline" onClick={() => onDecline(ring.callId)}>
          <Icon name="hangup" />
          {i18n.t('decline')}
        </button>
        {/* A guest has no account to block: declining is all there is (the link is one-time anyway). */}
        {!ring.guest && (
          <button type="button" className="block" data-testid="ringside-block" aria-label={i18n.t('blockCaller', [ring.from])} onClick={() => onBlock(ring.callId, ring.from)}>
            {i18n.t('requestBlock')}
          </button>
        )}
      </div>
    </div>
  );
}
