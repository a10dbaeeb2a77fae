import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { CallView } from '@/components/CallView';
import { announcement } from '@/components/announcements';
import { peerLabel } from '@/components/peer-label';
import { startCallSession } from './call-session';
import { useCallStore } from './call-store';
import { canChooseSpeaker, playRemoteOn, useMediaDevices } from './devices';
import { installShortcuts } from './shortcuts';
import { watchSelfHandle } from './self-handle';
import { signInFromCallWindow } from './sign-in';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('callWindowTitle');

const session = startCallSession();
installShortcuts(session);
watchSelfHandle((self) => useCallStore.setState({ self }));

async function signIn() {
  useCallStore.setState({ signInError: null });
  useCallStore.setState({ signInError: await signInFromCallWindow() });
}

function pictureInPicture() {
  const video = document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]');
  if (!video) return;
  if (document.pictureInPictureElement) void document.exitPictureInPicture();
  else void video.requestPictureInPicture().catch((error) => console.warn('[ringside] picture-in-picture', error));
}

function App() {
  const view = useCallStore((s) => s.view);
  const linkUp = useCallStore((s) => s.linkUp);
  const profile = useCallStore((s) => s.profile);
  const notice = useCallStore((s) => s.notice);
  const self = useCallStore((s) => s.self);
  const signInError = useCallStore((s) => s.signInError);
  const [said, setSaid] = useState('');
  const [speakerId, setSpeakerId] = useState('');
  const devices = useMediaDevices(view.inCall !== null);
  useEffect(
    () =>
      useCallStore.subscribe((next, before) => {
        const call = next.view.call;
        const text = announcement(before.view, next.view, 'peer' in call ? peerLabel(call.peer, next.profile?.guest) : '');
        if (text) setSaid(text);
      }),
    [],
  );
  return (
    <CallView
      view={view}
      linkUp={linkUp}
      announcement={said}
      canPictureInPicture={document.pictureInPictureEnabled}
      devices={devices}
      speakerId={speakerId}
      profile={profile}
      notice={notice}
      self={self}
      signInError={signInError}
      onCall={session.call}
      onSignIn={() => void signIn()}
      onDismissNotice={session.dismissNotice}
      onMicrophone={session.useMicrophone}
      onCameraDevice={session.useCamera}
      onSpeaker={
        canChooseSpeaker
          ? (deviceId) => void playRemoteOn(deviceId).then(() => setSpeakerId(deviceId), (e) => console.warn('[ringside] speaker', e))
          : undefined
      }
      onHangup={session.hangup}
      onMute={session.toggleMute}
      onCamera={session.toggleCamera}
      onScreen={session.toggleScreen}
      onPictureInPicture={pictureInPicture}
      onClose={() => window.close()}
    />
  );
}

createRoot(document.getElementById('root')!).render(<App />);
