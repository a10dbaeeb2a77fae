import { useId, useState, type FormEvent } from 'react';
import { i18n } from '#i18n';
import { normalizeHandle } from '@/lib/protocol/handle';
import type { Media } from '@/lib/protocol/media';

/** Call someone by @handle: Enter (or Call) dials with the chosen media; recent people are suggested. */
export function Dialer({ suggestions, onDial }: { suggestions: readonly string[]; onDial(handle: string, media: Media): void }) {
  const [text, setText] = useState('');
  const [media, setMedia] = useState<Media>('audio');
  const [invalid, setInvalid] = useState(false);
  const ids = { input: useId(), list: useId(), error: useId() };

  function submit(event: FormEvent) {
    event.preventDefault();
    const handle = normalizeHandle(text);
    setInvalid(handle === null);
    if (handle) onDial(handle, media);
  }

  return (
    <form className="dialer" onSubmit={submit}>
      {/* The choice comes first, so the keyboard path ends where Enter calls: in the handle field. */}
      <fieldset className="dial-media">
        <legend>{i18n.t('dialMedia')}</legend>
        {(['audio', 'video'] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name="dial-media" data-testid={`ringside-dial-${choice}`} value={choice} checked={media === choice} onChange={() => setMedia(choice)} />
            {i18n.t(choice === 'video' ? 'logVideo' : 'logAudio')}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.input}>{i18n.t('dialLabel')}</label>
      <div className="dial-row">
        <input
          id={ids.input}
          data-testid="ringside-dial"
          type="text"
          value={text}
          placeholder={i18n.t('dialPlaceholder')}
          list={ids.list}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? ids.error : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit">{i18n.t('dialCall')}</button>
      </div>
      <datalist id={ids.list} aria-label={i18n.t('dialSuggestions')}>
        {suggestions.map((handle) => (
          <option key={handle} value={`@${handle}`} />
        ))}
      </datalist>
      {invalid && (
        <p id={ids.error} role="alert" className="error">
          {i18n.t('dialInvalid')}
        </p>
      )}
    </form>
  );
}
