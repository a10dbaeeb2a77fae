import { useId, useState, type FormEvent } from 'react';
import { i18n } from '#i18n';
import { normalizeHandle } from '@/lib/protocol/handle';

/** A handle, then Enter, adds a contact; `onAdd` resolves with the words of a refusal, or null. */
export function ContactAdd({ onAdd }: { onAdd(handle: string): Promise<string | null> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { input: useId(), error: useId() };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const handle = normalizeHandle(text);
    if (!handle) return setError(i18n.t('contactAddInvalid'));
    setError(null);
    const refused = await onAdd(handle);
    setError(refused);
    if (!refused) setText('');
  }

  return (
    <form className="contact-add" onSubmit={(event) => void submit(event)}>
      <label htmlFor={ids.input}>{i18n.t('contactAddLabel')}</label>
      <input
        id={ids.input}
        data-testid="ringside-contact-add"
        type="text"
        value={text}
        placeholder={i18n.t('contactAddPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="done"
        aria-invalid={error !== null}
        aria-describedby={error ? ids.error : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id={ids.error} role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
