import { i18n } from '#i18n';
import type { CallRequest } from '@/lib/protocol/reach';

export interface CallRequestsProps {
  requests: readonly CallRequest[];
  onAdd(handle: string): void;
  onBlock(handle: string): void;
  onDismiss(handle: string): void;
}

/** People the policy kept from ringing: each may be added, blocked or dismissed. Nothing when there are none. */
export function CallRequests({ requests, onAdd, onBlock, onDismiss }: CallRequestsProps) {
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">{i18n.t('requestsTitle')}</h2>
      <ul className="calls">
        {requests.map(({ handle }) => (
          <li key={handle} className="call" data-testid="ringside-request" data-handle={handle}>
            <span className="call-who">{i18n.t('requestText', [handle])}</span>
            <div className="call-actions">
              <button type="button" data-testid="ringside-request-add" aria-label={i18n.t('requestAddLabel', [handle])} onClick={() => onAdd(handle)}>
                {i18n.t('requestAdd')}
              </button>
              <button type="button" data-testid="ringside-request-block" aria-label={i18n.t('requestBlockLabel', [handle])} onClick={() => onBlock(handle)}>
                {i18n.t('requestBlock')}
              </button>
              <button type="button" data-testid="ringside-request-dismiss" aria-label={i18n.t('requestDismissLabel', [handle])} onClick={() => onDismiss(handle)}>
                {i18n.t('requestDismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
