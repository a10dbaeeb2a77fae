import type { Media } from '../protocol/wire';
import type { InCallView } from './in-call-view';
import type { FlowWatch } from './media-flow';
import type { PeerCall, PeerCallEvents, PeerCallOptions } from './peer';
import type { Allowed } from './permission-result';

/** What the call controller needs of a live media connection (in-call.ts is the real one). */
export interface InCallHandle {
  local(): InCallView['local'];
  devices(): Pick<InCallView, 'microphoneId' | 'cameraId'>;
  toggleMute(): void;
  toggleCamera(): Promise<void>;
  toggleScreen(): Promise<void>;
  useMicrophone(deviceId: string): Promise<void>;
  useCamera(deviceId: string): Promise<void>;
  restartIce(): void;
  sample(stats: unknown[]): void;
  close(): void;
}

/**
 * The call controller's outside world, so that it can be driven without a browser: the real set
 * (browser-call-adapters.ts) is getUserMedia, PeerJS, the in-call controls and getStats.
 */
export interface CallAdapters {
  acquireMedia(media: Media, askPermission: () => Promise<Allowed>): Promise<MediaStream>;
  /** The microphone is already allowed: no permission tab will open, so the ring need not wait for it. */
  microphoneAllowed(): Promise<boolean>;
  stopMedia(stream: MediaStream | null): void;
  openPeer(options: PeerCallOptions, events: PeerCallEvents): PeerCall;
  startInCall(
    pc: RTCPeerConnection,
    localStream: MediaStream,
    polite: boolean,
    events: { onChange(patch: Partial<InCallView>): void; onPreview(stream: MediaStream): void },
  ): InCallHandle;
  watchFlow(pc: RTCPeerConnection, events: { onFlowing(at: number): void; onStalled(): void; onSample(stats: unknown[]): void }): FlowWatch;
}
