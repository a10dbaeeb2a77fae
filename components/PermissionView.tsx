import { i18n } from '#i18n';

export type PermissionStep = 'ask' | 'granted' | 'microphone-only' | 'denied';

/** The permission page: why Ringside needs the camera and microphone, and what to do if they are refused. */
export function PermissionView(props: { step: PermissionStep; onAllow(): void; onClose(): void }) {
  const { step } = props;
  return (
    <main className="permission" data-testid="ringside-permission" data-step={step}>
      <h1>{i18n.t('permissionTitle')}</h1>
      <p role="status" aria-live="polite">
        {step === 'ask' && i18n.t('permissionWhy')}
        {step === 'granted' && i18n.t('permissionGranted')}
        {step === 'microphone-only' && i18n.t('permissionMicrophoneOnly')}
        {step === 'denied' && i18n.t('permissionDenied')}
      </p>
      {step === 'ask' ? (
        <button type="button" data-testid="ringside-permission-allow" onClick={props.onAllow}>
          {i18n.t('permissionAllow')}
        </button>
      ) : (
        <button type="button" onClick={props.onClose}>
          {i18n.t('closeWindow')}
        </button>
      )}
    </main>
  );
}
