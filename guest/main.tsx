import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { i18n } from '#i18n';
import { CallView } from '@/components/CallView';
import { announcement } from '@/components/announcements';
import type { GeneratedI18nStructure } from '#i18n';
import type { LinkRefusal } from '@/lib/protocol/call-link';
import { useMediaDevices } from './devices';
import { language } from './i18n';
import { Lobby } from './Lobby';
import { startGuestSession } from './guest-session';
import { tokenOf } from './guest-socket';
import { useGuestStore } from './guest-store';
import { deniedHelp } from './permission-help';
import '../entrypoints/sidepanel/style.css';
import './style.css';

document.documentElement.lang = language;
document.title = i18n.t('callWindowTitle');

const page = new URL(location.href);
const token = tokenOf(page);
// A malformed token can name no link: it reads as expired, as one that never existed does.
const session = token ? startGuestSession(page, token) : null;
if (!session) useGuestStore.setState({ phase: { kind: 'refused', reason: 'expired' } });

const REFUSAL_TEXT = {
  used: 'guestUsed',
  expired: 'guestExpired',
  revoked: 'guestRevoked',
  'rate-limited': 'guestRateLimited',
  refused: 'guestRefused',
} as const satisfies Record<LinkRefusal, keyof GeneratedI18nStructure>;
/** Ends after which the link still works and a second try may reach the owner. */
const AWAY = new Set(['offline', 'unavailable', 'no-answer', 'busy']);
const clock = (at: number) => new Date(at).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });

function Message({ text }: { text: string }) {
  return (
    <main className="lobby">
      <p className="message" role="status" data-testid="ringside-guest-message">
        {text}
      </p>
    </main>
  );
}

function Call({ owner, expiresAt }: { owner: string; expiresAt: number }) {
  const view = useGuestStore((s) => s.view);
  const [said, setSaid] = useState('');
  const devices = useMediaDevices(view.inCall !== null);
  useEffect(() => useGuestStore.subscribe((next, before) => setSaid((was) => announcement(before.view, next.view) || was)), []);
  const { call } = view;
  const ended = call.phase === 'ended' ? call : null;
  return (
    <>
      <CallView
        view={view}
        linkUp
        announcement={said}
        canPictureInPicture={false}
        devices={devices}
        speakerId=""
        onMicrophone={(id) => session?.useMicrophone(id)}
        onCameraDevice={(id) => session?.useCamera(id)}
        onHangup={() => session?.hangup()}
        onMute={() => session?.toggleMute()}
        onCamera={() => session?.toggleCamera()}
        onScreen={() => session?.toggleScreen()}
        onPictureInPicture={() => {}}
        onClose={() => location.reload()}
        profile={{ handle: owner }}
        self={null}
        notice={null}
        signInError={null}
        // Call again opens the link again: it still works unless a call through it connected.
        onCall={() => session?.again()}
        onSignIn={() => {}}
        onDismissNotice={() => {}}
      />
      {ended && ended.connectedAt === null && (
        <section className="after">
          {AWAY.has(ended.reason) && <p>{i18n.t('guestAway', [owner, clock(expiresAt)])}</p>}
          {ended.reason === 'media-denied' && <p role="alert">{i18n.t(deniedHelp(navigator.userAgent, navigator.maxTouchPoints))}</p>}
          {ended.reason === 'relay-unavailable' && <p>{i18n.t('guestNoRelay')}</p>}
        </section>
      )}
    </>
  );
}

function App() {
  const phase = useGuestStore((s) => s.phase);
  switch (phase.kind) {
    case 'opening':
      return <Message text={i18n.t('guestOpening')} />;
    case 'unreachable':
      return <Message text={i18n.t('guestServerDown')} />;
    case 'refused':
      return <Message text={i18n.t(REFUSAL_TEXT[phase.reason])} />;
    case 'lobby':
      return (
        <Lobby
          owner={phase.owner}
          you={phase.you}
          xSignIn={phase.xSignIn}
          xFailed={page.hash === '#x-failed'}
          onSignInWithX={() => session?.signInWithX()}
          onJoin={(name, media, stream) => session?.join(name, media, stream)}
        />
      );
    case 'call':
      return <Call owner={phase.owner} expiresAt={phase.expiresAt} />;
  }
}

createRoot(document.getElementById('root')!).render(<App />);
