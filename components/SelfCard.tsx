import { i18n } from '#i18n';
import type { SelfInfo } from '@/lib/messages/self-port';

/** Who you are on Ringside, and whether that identity is proven. */
export function SelfCard({ self }: { self: SelfInfo | null }) {
  if (!self?.handle) {
    return <p data-testid="ringside-self">{i18n.t('popupSignedOut')}</p>;
  }
  return (
    <section
      className="self"
      data-testid="ringside-self"
      data-handle={self.handle}
      data-verified={String(self.verified)}
      data-connected={String(self.connected)}
    >
      <p className="who">{i18n.t('popupSignedInAs', [self.handle])}</p>
      <p className={self.verified ? 'verified' : 'unverified'}>
        {i18n.t(self.verified ? 'popupVerified' : 'popupUnverified')}
      </p>
      <p className="link">{i18n.t(self.connected ? 'popupOnline' : 'popupOffline')}</p>
    </section>
  );
}
