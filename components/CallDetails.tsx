import { i18n } from '#i18n';
import type { InCallView } from '@/lib/call/in-call-view';

/** Connection quality in words, and the code both people compare to rule out anyone in between. */
export function CallDetails({ inCall, reconnecting }: { inCall: InCallView; reconnecting: boolean }) {
  const quality = reconnecting ? 'reconnecting' : inCall.quality;
  return (
    <section className="details" aria-label={i18n.t('callDetails')}>
      <p className={`quality ${quality}`} data-testid="ringside-quality" data-quality={quality}>
        <span className="bars" aria-hidden="true" />
        {i18n.t(quality === 'good' ? 'qualityGood' : quality === 'poor' ? 'qualityPoor' : 'qualityReconnecting')}
      </p>
      {inCall.verifyCode && (
        <div className="verify">
          <p className="verify-label" id="verify-label">
            {i18n.t('verifyCodeLabel')}
          </p>
          <p className="verify-code" data-testid="ringside-verify-code" aria-labelledby="verify-label">
            {inCall.verifyCode}
          </p>
          <p className="verify-help">{i18n.t('verifyCodeHelp')}</p>
        </div>
      )}
    </section>
  );
}
