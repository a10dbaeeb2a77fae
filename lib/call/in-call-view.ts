import type { Quality } from './call-quality';
import type { PeerMediaState } from './control-protocol';

/** What the last control could not get: the browser refused or the device is gone. */
export type ControlFailure = 'microphone' | 'camera' | 'screen';

/** The in-call part of the call window's view: controls, the other side's state, quality, the code. */
export interface InCallView {
  local: PeerMediaState;
  /** Null until the other side has said how it stands. */
  remote: PeerMediaState | null;
  remoteSpeaking: boolean;
  quality: Quality;
  verifyCode: string | null;
  /** The devices in use (deviceId), for the device choice. */
  microphoneId: string | null;
  cameraId: string | null;
  failure: ControlFailure | null;
}

export const INITIAL_IN_CALL: Omit<InCallView, 'local'> = {
  remote: null,
  remoteSpeaking: false,
  quality: 'good',
  verifyCode: null,
  microphoneId: null,
  cameraId: null,
  failure: null,
};
