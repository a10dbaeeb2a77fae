import { i18n } from '#i18n';
import type { GuestInfo } from '@/lib/protocol/call-link';
import { Avatar } from './Avatar';

export interface PeerProfile {
  handle: string;
  name?: string;
  avatarUrl?: string;
  /** A call link's guest: `handle` is a placeholder, this says who they said (or proved) they are. */
  guest?: GuestInfo;
}

/**
 * The other person as X shows them: picture (or their initial), display name, @handle. Stands in for the
 * picture in an audio call, and for the stage once a call is over.
 */
export function PeerCard({ profile, children }: { profile: PeerProfile; children?: React.ReactNode }) {
  return (
    <div className="peer-card" data-testid="ringside-peer-card" data-handle={profile.handle}>
      <Avatar handle={profile.handle} url={profile.avatarUrl} label={profile.guest?.name} />
      {profile.guest ? (
        <span className="peer-name" data-testid="ringside-peer-guest" data-verified={String(profile.guest.verified)}>
          {profile.guest.handle
            ? i18n.t('guestVerified', [profile.guest.name, profile.guest.handle])
            : i18n.t('guestViaLink', [profile.guest.name])}
        </span>
      ) : (
        <>
          {profile.name && <span className="peer-name">{profile.name}</span>}
          <span className="peer-handle">@{profile.handle}</span>
        </>
      )}
      {children}
    </div>
  );
}
