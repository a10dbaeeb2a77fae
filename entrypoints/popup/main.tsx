import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { SelfCard } from '@/components/SelfCard';
import { SignInControls } from '@/components/SignInControls';
import { ask } from '@/lib/messages/channel';
import { PageAnswers, type PageToBackground } from '@/lib/messages/runtime-messages';
import type { SelfInfo } from '@/lib/messages/self-port';
import { hideIp } from '@/lib/storage/items';
import { listenToSelf } from './self-port';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();

const toBackground = (message: PageToBackground) => browser.runtime.sendMessage(message);

function Popup() {
  const [self, setSelf] = useState<SelfInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hide, setHide] = useState(false);

  useEffect(() => {
    void hideIp.getValue().then(setHide);
    // The background tells who is signed in, and again when that or the server link changes.
    return listenToSelf(setSelf);
  }, []);

  async function run(message: Extract<PageToBackground, { type: 'auth.sign-in' | 'auth.sign-out' }>) {
    setBusy(true);
    setError(null);
    const result = await ask(PageAnswers, toBackground, message).catch(() => null);
    setBusy(false);
    if (result && !result.ok) setError(result.error);
  }

  return (
    <main className="popup">
      <h1>{i18n.t('extName')}</h1>
      <SelfCard self={self} />
      <SignInControls
        verified={self?.verified ?? false}
        busy={busy}
        error={error}
        onSignIn={() => void run({ type: 'auth.sign-in' })}
        onSignOut={(everywhere) => void run({ type: 'auth.sign-out', everywhere })}
      />
      <label className="setting">
        <input
          type="checkbox"
          data-testid="ringside-hide-ip"
          checked={hide}
          onChange={(event) => {
            setHide(event.target.checked);
            void hideIp.setValue(event.target.checked);
          }}
        />
        {i18n.t('hideIp')}
      </label>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
