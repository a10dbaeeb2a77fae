import * as v from 'valibot';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { SelfCard } from '@/components/SelfCard';
import { SelfInfo, type PageToBackground } from '@/lib/messages/runtime-messages';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();

function Popup() {
  const [self, setSelf] = useState<SelfInfo | null>(null);
  useEffect(() => {
    const ask: PageToBackground = { type: 'self.get' };
    void browser.runtime.sendMessage(ask).then((raw) => {
      const parsed = v.safeParse(SelfInfo, raw);
      if (parsed.success) setSelf(parsed.output);
    });
  }, []);
  return (
    <main className="popup">
      <h1>{i18n.t('extName')}</h1>
      <SelfCard self={self} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
