import { useEffect, useState } from 'react';
import { i18n } from '#i18n';
import { DeviceSettings } from '@/components/DeviceSettings';
import { StreamVideo } from '@/components/StreamVideo';
import { acquireCamera, acquireLocalMedia, acquireMicrophone } from '@/lib/call/local-media';
import type { Media } from '@/lib/protocol/wire';
import { useMediaDevices } from './devices';
import { deniedHelp } from './permission-help';
import type { GuestSelf } from './guest-store';
import { XIdentity } from './XIdentity';

/** Swaps one kind of track in the preview for a new device's, stopping the old one (its light goes out). */
function withTrack(stream: MediaStream, track: MediaStreamTrack): MediaStream {
  const kept = stream.getTracks().filter((t) => t.kind !== track.kind || (t.stop(), false));
  return new MediaStream([...kept, track]);
}

interface LobbyProps {
  owner: string;
  /** Signed in with X: the name comes from X, none is typed. */
  you?: GuestSelf;
  xSignIn: boolean;
  xFailed: boolean;
  onSignInWithX(): void;
  onJoin(name: string, media: Media, stream: MediaStream | null): void;
}

/** "@alice invites you to a call": a name (or Sign in with X), a preview of the camera with device choice, Join with audio or video. */
export function Lobby({ owner, you, xSignIn, xFailed, onSignInWithX, onJoin }: LobbyProps) {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [denied, setDenied] = useState(false);
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const devices = useMediaDevices(stream !== null);

  useEffect(() => {
    let cancelled = false;
    acquireLocalMedia('video').then(
      (preview) => (cancelled ? preview.getTracks().forEach((t) => t.stop()) : setStream(preview)),
      () => setDenied(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const swap = (acquire: Promise<MediaStreamTrack>) =>
    void acquire.then(
      (track) => setStream((current) => (current ? withTrack(current, track) : new MediaStream([track]))),
      (error: unknown) => console.warn('[ringside] device', error),
    );

  function join(media: Media) {
    const trimmed = you?.name ?? name.trim();
    if (!trimmed) return setNameMissing(true);
    onJoin(trimmed, media, stream);
  }

  const trackId = (kind: 'audio' | 'video') => (kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks())?.[0]?.getSettings().deviceId ?? null;
  return (
    <main className="lobby">
      <h1>{i18n.t('guestInvite', [owner])}</h1>
      <div className="stage preview">
        <StreamVideo stream={stream} testid="ringside-local-video" label={i18n.t('guestPreview')} muted />
      </div>
      {denied && (
        <p className="help" role="alert" data-testid="ringside-permission-help">
          {i18n.t(deniedHelp(navigator.userAgent, navigator.maxTouchPoints))}
        </p>
      )}
      {stream && (
        <DeviceSettings
          devices={devices}
          microphoneId={trackId('audio')}
          cameraId={trackId('video')}
          speakerId=""
          onMicrophone={(id) => swap(acquireMicrophone(id))}
          onCamera={(id) => swap(acquireCamera(id))}
        />
      )}
      <XIdentity owner={owner} you={you} offered={xSignIn} failed={xFailed} onSignIn={onSignInWithX} />
      <form className="join" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="guest-name" hidden={!!you}>
          {i18n.t('guestName')}
        </label>
        <input
          hidden={!!you}
          id="guest-name"
          data-testid="ringside-guest-name"
          autoComplete="name"
          maxLength={40}
          required
          aria-invalid={nameMissing}
          aria-describedby={nameMissing ? 'guest-name-missing' : undefined}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setNameMissing(false);
          }}
        />
        {nameMissing && (
          <p id="guest-name-missing" className="help" role="alert">
            {i18n.t('guestNameMissing')}
          </p>
        )}
        <div className="join-buttons">
          <button type="button" data-testid="ringside-guest-join" data-media="audio" onClick={() => join('audio')}>
            {i18n.t('guestJoinAudio')}
          </button>
          <button type="button" data-testid="ringside-guest-join" data-media="video" className="primary" onClick={() => join('video')}>
            {i18n.t('guestJoinVideo')}
          </button>
        </div>
      </form>
    </main>
  );
}
