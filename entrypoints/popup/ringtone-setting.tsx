import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { ringtoneOn } from '@/lib/storage/items';

/** The "Ringtone" setting: off, a ring shows but makes no sound (entrypoints/background/ringtone.ts). */
export function RingtoneSetting() {
  const [on, setOn] = useState(true);
  useEffect(() => {
    void ringtoneOn.getValue().then(setOn);
  }, []);
  return (
    <label className="setting">
      <input
        type="checkbox"
        data-testid="ringside-ringtone"
        checked={on}
        onChange={(event) => {
          setOn(event.target.checked);
          void ringtoneOn.setValue(event.target.checked);
        }}
      />
      {i18n.t('ringtone')}
    </label>
  );
}
