import { useState } from 'react';
import { i18n } from '#i18n';
import type { CallView as CallViewModel } from '@/lib/call/call-controller';
import { CallControls } from './CallControls';
import { CallDetails } from './CallDetails';
import { CallTimer } from './CallTimer';
import { DeviceSettings, type MediaDevice } from './DeviceSettings';
import { callStatusText } from './call-status';
import { RemoteBadges, RemoteCameraOff } from './RemoteBadges';
import { StreamVideo } from './StreamVideo';

export interface CallActions {
  onHangup(): void;
  onMute(): void;
  onCamera(): void;
  onScreen(): void;
  onPictureInPicture(): void;
  onClose(): void;
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
}

const FAILURE_TEXT = {
  microphone: 'failureMicrophone',
  camera: 'failureCamera',
  screen: 'failureScreen',
} as const;

/** The call window: the other person, your preview, where the call stands, and the controls. */
export function CallView({ view, linkUp, announcement, canPictureInPicture, devices, speakerId, ...actions }: CallViewProps) {
  const { call, inCall } = view;
  const [devicesOpen, setDevicesOpen] = useState(false);
  const peer = 'peer' in call ? call.peer : undefined;
  const live = call.phase !== 'idle' && call.phase !== 'ended';
  const connectedAt = 'connectedAt' in call ? call.connectedAt : null;
  const remoteCameraOff = live && inCall?.remote ? inCall.remote.cameraOff && !inCall.remote.sharing : false;
  return (
    <main
      className="call"
      data-testid="ringside-call"
      data-state={call.phase}
      data-peer={peer}
      data-end-reason={call.phase === 'ended' ? call.reason : undefined}
    >
      <div className="stage">
        <StreamVideo
          stream={view.remoteStream}
          testid="ringside-remote-video"
          label={peer ? i18n.t('remoteVideo', [peer]) : ''}
        />
        {remoteCameraOff && peer && <RemoteCameraOff peer={peer} />}
        {live && inCall && peer && <RemoteBadges peer={peer} inCall={inCall} />}
        <StreamVideo stream={view.localStream} testid="ringside-local-video" label={i18n.t('localVideo')} muted />
      </div>
      <p className="status" role="status" aria-live="polite">
        {callStatusText(call)}
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
          canPictureInPicture={canPictureInPicture && Boolean(view.remoteStream?.getVideoTracks().length)}
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
      {call.phase === 'ended' && (
        <div className="controls">
          <button type="button" className="close" onClick={actions.onClose}>
            {i18n.t('closeWindow')}
          </button>
        </div>
      )}
      {live && inCall && <CallDetails inCall={inCall} reconnecting={call.phase === 'reconnecting'} />}
    </main>
  );
}
