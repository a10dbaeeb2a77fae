import { i18n } from '#i18n';
import type { Media } from '@/lib/protocol/media';
import type { PresenceState } from '@/lib/protocol/wire';

const PRESENCE_WORDS = { online: 'presenceOnline', busy: 'presenceBusy', offline: 'presenceOffline' } as const;

export interface ContactListProps {
  contacts: readonly string[];
  presence: Readonly<Record<string, PresenceState>>;
  onCall(handle: string, media: Media): void;
  onRemove(handle: string): void;
}

/** The contacts with their live presence, each with audio and video call buttons and remove. */
export function ContactList({ contacts, presence, onCall, onRemove }: ContactListProps) {
  if (contacts.length === 0) return <p className="empty">{i18n.t('noContacts')}</p>;
  return (
    <ul className="calls">
      {contacts.map((handle) => {
        const state = presence[handle] ?? 'offline';
        return (
          <li key={handle} className="call" data-testid="ringside-contact" data-handle={handle} data-state={state}>
            <div className="call-facts">
              <span className="call-who">
                <span className={`presence presence-${state}`} aria-hidden="true" />@{handle}
              </span>
              <span className="call-summary">{i18n.t(PRESENCE_WORDS[state])}</span>
            </div>
            <div className="call-actions">
              <button type="button" data-testid="ringside-contact-call" data-media="audio" aria-label={i18n.t('contactCallAudio', [handle])} onClick={() => onCall(handle, 'audio')}>
                {i18n.t('logAudio')}
              </button>
              <button type="button" data-testid="ringside-contact-call" data-media="video" aria-label={i18n.t('contactCallVideo', [handle])} onClick={() => onCall(handle, 'video')}>
                {i18n.t('logVideo')}
              </button>
              <button type="button" data-testid="ringside-contact-remove" aria-label={i18n.t('contactRemove', [handle])} onClick={() => onRemove(handle)}>
                ×
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
