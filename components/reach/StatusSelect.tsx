import { useId } from 'react';
import { i18n } from '#i18n';
import { Status } from '@/lib/protocol/reach';

const LABELS = { available: 'statusAvailable', dnd: 'statusDnd', invisible: 'statusInvisible' } as const;

/** Available, do not disturb, invisible: the account's status on every device. */
export function StatusSelect({ status, onChange }: { status: Status; onChange(status: Status): void }) {
  const id = useId();
  return (
    <div className="setting-row">
      <label htmlFor={id}>{i18n.t('statusLabel')}</label>
      <select id={id} data-testid="ringside-status" value={status} onChange={(event) => onChange(event.target.value as Status)}>
        {Status.options.map((option) => (
          <option key={option} value={option}>
            {i18n.t(LABELS[option])}
          </option>
        ))}
      </select>
    </div>
  );
}
