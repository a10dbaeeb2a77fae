import { i18n } from '#i18n';
import { AlwaysRelay } from '@/components/reach/AlwaysRelay';
import { BlockedList } from '@/components/reach/BlockedList';
import { WhoCanCallSelect } from '@/components/reach/WhoCanCallSelect';
import type { ReachChange } from '@/lib/messages/runtime-messages';
import { changeReach, useReach, useReachRefusal, useRelayAvailable } from '../popup/reach-access';

/** Who may call, always relay and the blocked list: settings the server keeps for the account. */
export function ReachSettings() {
  const reach = useReach();
  const relayAvailable = useRelayAvailable();
  const error = useReachRefusal();
  const act = (change: ReachChange) => void changeReach(change);

  return (
    <section aria-labelledby="reach-settings-title" className="reach">
      <h2 id="reach-settings-title">{i18n.t('reachTitle')}</h2>
      {!reach ? (
        <p className="empty">{i18n.t('reachSignedOut')}</p>
      ) : (
        <>
          <WhoCanCallSelect value={reach.settings.whoCanCall} onChange={(whoCanCall) => act({ type: 'settings.set', settings: { whoCanCall } })} />
          <AlwaysRelay on={reach.settings.alwaysRelay} relayAvailable={relayAvailable} onChange={(alwaysRelay) => act({ type: 'settings.set', settings: { alwaysRelay } })} />
          {error && (
            <p role="alert" className="error" data-testid="ringside-reach-error">
              {error}
            </p>
          )}
          <BlockedList blocked={reach.blocked} onUnblock={(handle) => act({ type: 'unblock', handle })} />
        </>
      )}
    </section>
  );
}
