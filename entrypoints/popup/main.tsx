import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { CallLogList } from '@/components/CallLogList';
import { Dialer } from '@/components/Dialer';
import { IncomingRings } from '@/components/IncomingRings';
import { SelfCard } from '@/components/SelfCard';
import { recentPeople } from '@/lib/call-log/call-log';
import { SignInControls } from '@/components/SignInControls';
import { ask } from '@/lib/messages/channel';
import { PageAnswers, type PageToBackground } from '@/lib/messages/runtime-messages';
import type { SelfInfo } from '@/lib/messages/self-port';
import { ringtoneOn } from '@/lib/storage/items';
import { StoredCheckbox } from './stored-checkbox';
import { CallLinks } from './call-links';
import { dial, useCallLog, useWindowId } from './call-log-access';
import { changeReach } from './reach-access';
import { ReachSection } from './reach-section';
import { acceptRing, blockCaller, declineRing, useLiveRings } from './ring-access';
import { listenToSelf } from './self-port';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();

const toBackground = (message: PageToBackground) => browser.runtime.sendMessage(message);

/** The popup shows the latest calls; the options page has them all. */
const RECENT_SHOWN = 5;
const SUGGESTED = 8;

function Popup() {
  const [self, setSelf] = useState<SelfInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const calls = useCallLog();
  const windowId = useWindowId();
  const call = (handle: string, media: 'audio' | 'video') => dial(handle, media, windowId);

  useEffect(() => {
    // The background tells who is signed in, and again when that or the server link changes.
    return listenToSelf(setSelf);
  }, []);

  const { rings, now } = useLiveRings();

  async function run(message: Extract<PageToBackground, { type: 'auth.sign-in' | 'auth.sign-out' | 'auth.dev-sign-in' }>) {
    setBusy(true);
    setError(null);
    const result = await ask(PageAnswers, toBackground, message).catch(() => null);
    setBusy(false);
    if (result && !result.ok) setError(result.error);
  }

  return (
    <main className="popup">
      <h1>{i18n.t('extName')}</h1>
      {/* First: a live ring is the one thing that cannot wait. */}
      <IncomingRings rings={rings} now={now} onAccept={(callId, media) => acceptRing(callId, media, windowId)} onDecline={declineRing} onBlock={blockCaller} />
      <SelfCard self={self} />
      <SignInControls
        self={self}
        busy={busy}
        error={error}
        onSignIn={() => void run({ type: 'auth.sign-in' })}
        onDevSignIn={() => void run({ type: 'auth.dev-sign-in' })}
        onSignOut={(everywhere) => void run({ type: 'auth.sign-out', everywhere })}
      />
      <ReachSection onCall={call} />
      <Dialer suggestions={recentPeople(calls, SUGGESTED)} onDial={call} />
      <section className="recents" data-testid="ringside-recents" aria-labelledby="recents-title">
        <h2 id="recents-title">{i18n.t('recentCalls')}</h2>
        <CallLogList entries={calls.slice(0, RECENT_SHOWN)} onCall={call} onBlock={(handle) => void changeReach({ type: 'block', handle })} emptyText={i18n.t('noCalls')} />
      </section>
      <CallLinks />
      {/* Off, a ring shows but makes no sound (entrypoints/background/ringtone.ts). */}
      <StoredCheckbox item={ringtoneOn} testId="ringside-ringtone" label={i18n.t('ringtone')} />
      <p className="settings-link">
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {i18n.t('openSettings')}
        </a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Popup />);
