import { useState } from 'react';
import { i18n } from '#i18n';
import type { CallView as CallViewModel } from '@/lib/call/call-controller';
import { CallControls } from './CallControls';
import { CallDetails } from './CallDetails';
import { CallTimer } from './CallTimer';
import { DeviceSettings, type MediaDevice } from './DeviceSettings';
import { callStatusText } from './call-status';
import type { Media } from '@/lib/protocol/wire';
import { stageOf } from '@/lib/call/stage';
import { CallAgain } from './CallAgain';
import { CallNotice, type CallNoticeModel } from './CallNotice';
import { PeerCard, type PeerProfile } from './PeerCard';
import { peerLabel } from './peer-label';
import { RemoteBadges } from './RemoteBadges';
import { SelfView } from './SelfView';
import { StreamVideo } from './StreamVideo';

export interface CallActions {
  onHangup(): void;
  onMute(): void;
  onCamera(): void;
  onScreen(): void;
  onPictureInPicture(): void;
  onClose(): void;
  /** A new call to the same person (Call again, or the call asked for before signing in). */
  onCall(handle: string, media: Media): void;
  onSignIn(): void;
  onDismissNotice(): void;
  onMicrophone(deviceId: string): void;
  onCameraDevice(deviceId: string): void;
  onSpeaker?: (deviceId: string) => void;
}

export interface CallViewProps extends CallActions {
  view: CallViewModel;
  linkUp: boolean;
  /** The latest change worth saying aloud (the other side muted, and so on), for screen readers. */
  announcement: string;
  canPictureInPicture: boolean;
  devices: MediaDevice[];
  speakerId: string;
  /** Who the other person is, as far as this window knows (a ring carries name and picture). */
  profile: PeerProfile | null;
  /** Your own handle, for your initial when your camera is off; null: not signed in. */
  self: string | null;
  notice: CallNoticeModel | null;
  /** The sign-in the notice started, when it failed: in the words the popup would use. */
  signInError: string | null;
}

const FAILURE_TEXT = {
  microphone: 'failureMicrophone',
  camera: 'failureCamera',
  screen: 'failureScreen',
} as const;

/** The call window: the other person, your preview, where the call stands, and the controls. */
export function CallView(props: CallViewProps) {
  const { view, linkUp, announcement, canPictureInPicture, devices, speakerId, profile, self, notice, signInError, ...actions } = props;
  const { call, inCall } = view;
  const [devicesOpen, setDevicesOpen] = useState(false);
  const peer = 'peer' in call ? call.peer : undefined;
  const live = call.phase !== 'idle' && call.phase !== 'ended';
  const connectedAt = 'connectedAt' in call ? call.connectedAt : null;
  const stage = stageOf(call, inCall);
  const person: PeerProfile | null = peer ? (profile?.handle === peer ? profile : { handle: peer }) : null;
  const who = peer ? peerLabel(peer, person?.guest) : '';
  // Asked to sign in first, and now signed in: the call asked for is one click away.
  const waitingCall = notice?.kind === 'sign-in' && self ? notice : null;
  const selfCameraOff = inCall ? inCall.local.cameraOff : !view.localStream?.getVideoTracks().length;
  return (
    <main
      className="call"
      data-testid="ringside-call"
      data-state={call.phase}
      data-peer={peer}
      data-end-reason={call.phase === 'ended' ? call.reason : undefined}
    >
      {notice && !waitingCall && <CallNotice notice={notice} signInError={signInError} onSignIn={actions.onSignIn} onDismiss={actions.onDismissNotice} />}
      <div className="stage" data-stage={stage} hidden={stage === 'none'}>
        <StreamVideo
          stream={view.remoteStream}
          testid="ringside-remote-video"
          label={peer ? i18n.t('remoteVideo', [who]) : ''}
        />
        {person && (stage === 'person' || stage === 'camera-off') && (
          <div className="stage-person">
            <PeerCard profile={person}>
              {stage === 'camera-off' && <span data-testid="ringside-remote-camera-off">{i18n.t('remoteCameraOff', [who])}</span>}
            </PeerCard>
          </div>
        )}
        {live && inCall && peer && <RemoteBadges who={who} inCall={inCall} />}
        <SelfView stream={view.localStream} cameraOff={selfCameraOff} self={self} />
      </div>
      {call.phase === 'ended' && person && <PeerCard profile={person} />}
      {waitingCall && <PeerCard profile={{ handle: waitingCall.handle }} />}
      <p className="status" role="status" aria-live="polite">
        {callStatusText(call, who)}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="ringside-announcer">
        {announcement}
      </p>
      {connectedAt !== null && (
        <CallTimer since={connectedAt} until={call.phase === 'ended' ? call.endedAt : undefined} />
      )}
      {!linkUp && live && (
        <p className="link-down" role="alert">
          {i18n.t('linkDown')}
        </p>
      )}
      {live && (
        <CallControls
          local={inCall?.local ?? null}
          canPictureInPicture={canPictureInPicture}
          hasPicture={stage === 'picture'}
          onMute={actions.onMute}
          onCamera={actions.onCamera}
          onScreen={actions.onScreen}
          onPictureInPicture={actions.onPictureInPicture}
          onHangup={actions.onHangup}
          devicesOpen={devicesOpen}
          onDevices={() => setDevicesOpen(!devicesOpen)}
        />
      )}
      {live && inCall?.failure && (
        <p className="link-down" role="alert" data-testid="ringside-control-failure">
          {i18n.t(FAILURE_TEXT[inCall.failure])}
        </p>
      )}
      {live && inCall && devicesOpen && (
        <DeviceSettings
          devices={devices}
          microphoneId={inCall.microphoneId}
          cameraId={inCall.cameraId}
          speakerId={speakerId}
          onMicrophone={actions.onMicrophone}
          onCamera={actions.onCameraDevice}
          onSpeaker={actions.onSpeaker}
        />
      )}
      {call.phase === 'ended' && !waitingCall && (
        <CallAgain
          labels={{ audio: i18n.t('callAgainAudio'), video: i18n.t('callAgainVideo') }}
          onCall={(media) => actions.onCall(call.peer, media)}
          onClose={actions.onClose}
        />
      )}
      {waitingCall && (
        <CallAgain
          labels={{ audio: i18n.t('callAudio', [waitingCall.handle]), video: i18n.t('callVideo', [waitingCall.handle]) }}
          onCall={(media) => actions.onCall(waitingCall.handle, media)}
          onClose={actions.onClose}
        />
      )}
      {live && inCall && <CallDetails inCall={inCall} reconnecting={call.phase === 'reconnecting'} />}
    </main>
  );
}
