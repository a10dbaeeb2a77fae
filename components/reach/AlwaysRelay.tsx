import { i18n } from '#i18n';

/** "Always relay my calls", and, where the server has no TURN relay, the plain fact that it cannot. */
export function AlwaysRelay({ on, relayAvailable, onChange }: { on: boolean; relayAvailable: boolean | null; onChange(on: boolean): void }) {
  return (
    <div className="setting-row">
      <label className="setting">
        <input type="checkbox" data-testid="ringside-always-relay" checked={on} onChange={(event) => onChange(event.target.checked)} />
        {i18n.t('alwaysRelay')}
      </label>
      {relayAvailable === false && (
        <p className="warning" data-testid="ringside-relay-missing">
          {i18n.t('relayMissing')}
        </p>
      )}
    </div>
  );
}
