import { i18n } from '#i18n';
import { AlwaysRelay } from '@/components/reach/AlwaysRelay';
import { CallRequests } from '@/components/reach/CallRequests';
import { ContactAdd } from '@/components/reach/ContactAdd';
import { ContactList } from '@/components/reach/ContactList';
import { StatusSelect } from '@/components/reach/StatusSelect';
import type { ReachChange } from '@/lib/messages/runtime-messages';
import type { Media } from '@/lib/protocol/media';
import { changeReach, usePresence, useReach, useReachRefusal, useRelayAvailable } from './reach-access';

/**
 * The popup's part of "who can reach you": status, always relay, call requests and contacts. The rest (who
 * may call, the blocked list) is on the options page. Every change goes to the server, which sends the state back.
 */
export function ReachSection({ onCall }: { onCall(handle: string, media: Media): void }) {
  const reach = useReach();
  const presence = usePresence();
  const relayAvailable = useRelayAvailable();
  const error = useReachRefusal();
  const act = (next: ReachChange) => void changeReach(next);

  if (!reach) return <p className="empty">{i18n.t('reachSignedOut')}</p>;
  return (
    <section className="reach" aria-labelledby="reach-title">
      <h2 id="reach-title">{i18n.t('reachTitle')}</h2>
      <StatusSelect status={reach.settings.status} onChange={(status) => act({ type: 'settings.set', settings: { status } })} />
      <AlwaysRelay on={reach.settings.alwaysRelay} relayAvailable={relayAvailable} onChange={(alwaysRelay) => act({ type: 'settings.set', settings: { alwaysRelay } })} />
      {error && (
        <p role="alert" className="error" data-testid="ringside-reach-error">
          {error}
        </p>
      )}
      <CallRequests
        requests={reach.requests}
        onAdd={(handle) => act({ type: 'contact.add', handle })}
        onBlock={(handle) => act({ type: 'block', handle })}
        onDismiss={(handle) => act({ type: 'request.dismiss', handle })}
      />
      <section data-testid="ringside-contacts" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{i18n.t('contactsTitle')}</h2>
        <ContactList contacts={reach.contacts} presence={presence} onCall={onCall} onRemove={(handle) => act({ type: 'contact.remove', handle })} />
        <ContactAdd onAdd={(handle) => changeReach({ type: 'contact.add', handle })} />
      </section>
    </section>
  );
}
