import { Avatar } from './Avatar';

export interface PeerProfile {
  handle: string;
  name?: string;
  avatarUrl?: string;
}

/**
 * The other person as X shows them: picture (or their initial), display name, @handle. Stands in for the
 * picture in an audio call, and for the stage once a call is over.
 */
export function PeerCard({ profile, children }: { profile: PeerProfile; children?: React.ReactNode }) {
  return (
    <div className="peer-card" data-testid="ringside-peer-card" data-handle={profile.handle}>
      <Avatar handle={profile.handle} url={profile.avatarUrl} />
      {profile.name && <span className="peer-name">{profile.name}</span>}
      <span className="peer-handle">@{profile.handle}</span>
      {children}
    </div>
  );
}
