import { i18n } from '#i18n';
import type { SelfInfo } from '@/lib/messages/self-port';
import { Avatar } from './Avatar';

/** Who you are on Ringside as X shows you (picture, name, @handle), whether that is proven, and the server link. */
export function SelfCard({ self }: { self: SelfInfo | null }) {
  if (!self?.handle) {
    return (
      <p className="self-out" data-testid="ringside-self">
        {i18n.t(self?.signIn === 'dev' && self.devHandle ? 'popupSignedOutDev' : 'popupSignedOut')}
      </p>
    );
  }
  return (
    <section
      className="self"
      data-testid="ringside-self"
      data-handle={self.handle}
      data-verified={String(self.verified)}
      data-connected={String(self.connected)}
      aria-label={i18n.t('popupSignedInAs', [self.handle])}
    >
      <Avatar handle={self.handle} url={self.avatarUrl} />
      <div className="self-facts">
        {self.name && (
          <span className="who" data-testid="ringside-self-name">
            {self.name}
          </span>
        )}
        <span className={self.name ? 'self-handle' : 'who'}>@{self.handle}</span>
        <span className={self.verified ? 'verified' : 'unverified'}>{i18n.t(self.verified ? 'popupVerified' : 'popupUnverified')}</span>
        <span className="link">
          <span className={`presence presence-${self.connected ? 'online' : 'offline'}`} aria-hidden="true" />
          {i18n.t(self.connected ? 'popupOnline' : 'popupOffline')}
        </span>
      </div>
    </section>
  );
}
