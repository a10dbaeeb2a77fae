import * as v from 'valibot';
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { SelfCard } from '@/components/SelfCard';
import { SignInControls } from '@/components/SignInControls';
import { SelfInfo, SignInResult, type PageToBackground } from '@/lib/messages/runtime-messages';
import { hideIp } from '@/lib/storage/items';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();

const ask = (message: PageToBackground) => browser.runtime.sendMessage(message);

function Popup() {
  const [self, setSelf] = useState<SelfInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hide, setHide] = useState(false);

  const refresh = useCallback(() => {
    void ask({ type: 'self.get' }).then((raw) => {
      const parsed = v.safeParse(SelfInfo, raw);
      if (parsed.success) setSelf(parsed.output);
    });
  }, []);

  useEffect(() => {
    refresh();
    void hideIp.getValue().then(setHide);
    // The link comes up (or goes down) a moment after a sign-in or sign-out.
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, [refresh]);

  async function run(message: PageToBackground) {
    setBusy(true);
    setError(null);
    const result = v.safeParse(SignInResult, await ask(message));
    setBusy(false);
    if (result.success && !result.output.ok) setError(result.output.error);
    refresh();
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
