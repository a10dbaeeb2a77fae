import { useId } from 'react';
import { i18n } from '#i18n';
import { WhoCanCall } from '@/lib/protocol/reach';

const LABELS = { everyone: 'whoEveryone', contacts: 'whoContacts', nobody: 'whoNobody' } as const;

/** Who may ring this account; anyone else ends `unavailable` and may leave a call request. */
export function WhoCanCallSelect({ value, onChange }: { value: WhoCanCall; onChange(value: WhoCanCall): void }) {
  const ids = { select: useId(), help: useId() };
  return (
    <div className="setting-row">
      <label htmlFor={ids.select}>{i18n.t('whoCanCallLabel')}</label>
      <select id={ids.select} data-testid="ringside-who-can-call" aria-describedby={ids.help} value={value} onChange={(event) => onChange(event.target.value as WhoCanCall)}>
        {WhoCanCall.options.map((option) => (
          <option key={option} value={option}>
            {i18n.t(LABELS[option])}
          </option>
        ))}
      </select>
      <p id={ids.help} className="help">
        {i18n.t('whoCanCallHelp')}
      </p>
    </div>
  );
}
