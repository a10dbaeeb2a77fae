import { useEffect, useState } from 'react';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** A setting kept in the extension's storage (lib/storage/items.ts), shown as a checkbox that writes it through. */
export function StoredCheckbox({ item, testId, label }: { item: WxtStorageItem<boolean, Record<string, unknown>>; testId: string; label: string }) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void item.getValue().then(setOn);
  }, [item]);
  return (
    <label className="setting">
      <input
        type="checkbox"
        data-testid={testId}
        checked={on ?? item.fallback}
        onChange={(event) => {
          setOn(event.target.checked);
          void item.setValue(event.target.checked);
        }}
      />
      {label}
    </label>
  );
}
