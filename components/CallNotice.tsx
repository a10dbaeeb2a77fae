import { i18n } from '#i18n';
import type { IntentOutcome } from '@/lib/call/intent-outcome';

export type CallNoticeModel = Exclude<IntentOutcome, { kind: 'start' }>;

/**
 * Why a call someone asked for did not start, in words: they are already in a call, or not signed in to
 * Ringside. Announced at once (role="alert"): the person just clicked and is waiting for something to happen.
 */
export function CallNotice(props: { notice: CallNoticeModel; signInError: string | null; onSignIn(): void; onDismiss(): void }) {
  const { notice } = props;
  return (
    <section className="notice" data-testid="ringside-notice" data-kind={notice.kind}>
      <p role="alert">
        {notice.kind === 'in-call'
          ? notice.wanted === notice.peer
            ? i18n.t('alreadyInCallWith', [notice.peer])
            : i18n.t('alreadyInCall', [notice.peer, notice.wanted])
          : i18n.t('signInToCall', [notice.handle])}
      </p>
      {notice.kind === 'sign-in' && props.signInError && (
        <p role="alert" data-testid="ringside-sign-in-error">
          {props.signInError}
        </p>
      )}
      <div className="notice-actions">
        {notice.kind === 'sign-in' && (
          <button type="button" className="primary" data-testid="ringside-notice-sign-in" onClick={props.onSignIn}>
            {i18n.t('signInToRingside')}
          </button>
        )}
        <button type="button" onClick={props.onDismiss}>
          {i18n.t('dismissNotice')}
        </button>
      </div>
    </section>
  );
}
