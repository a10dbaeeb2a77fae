import { useEffect, useId, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { CallLogList } from '@/components/CallLogList';
import { searchCalls } from '@/lib/call-log/call-log';
import { dial, tellBackground, useCallLog, useWindowId } from '../popup/call-log-access';
import { changeReach } from '../popup/reach-access';
import { ReachSettings } from './reach-settings';
import '../popup/style.css';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('optionsTitle');

/** The browser's options page for Ringside: who can reach you, and the full call log. */
function Options() {
  const calls = useCallLog();
  const windowId = useWindowId();
  const [query, setQuery] = useState('');
  const searchId = useId();

  // Looking at the log is seeing the missed calls: the badge clears.
  useEffect(() => tellBackground({ type: 'log.seen' }), []);

  const shown = searchCalls(calls, query);
  return (
    <main className="options">
      <h1>{i18n.t('optionsTitle')}</h1>
      <ReachSettings />
      <section aria-labelledby="log-title" data-testid="ringside-call-log">
        <h2 id="log-title">{i18n.t('callLogTitle')}</h2>
        <p>{i18n.t('callLogPrivacy')}</p>
        <div className="log-tools">
          <label htmlFor={searchId}>{i18n.t('callLogSearch')}</label>
          <input id={searchId} data-testid="ringside-log-search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          <button type="button" data-testid="ringside-log-clear" disabled={calls.length === 0} onClick={() => tellBackground({ type: 'log.clear' })}>
            {i18n.t('callLogClearAll')}
          </button>
        </div>
        <CallLogList
          entries={shown}
          onCall={(handle, media) => dial(handle, media, windowId)}
          onRemove={(callId) => tellBackground({ type: 'log.remove', callId })}
          onBlock={(handle) => void changeReach({ type: 'block', handle })}
          emptyText={i18n.t(calls.length === 0 ? 'noCalls' : 'callLogNoMatch')}
        />
      </section>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Options />);
