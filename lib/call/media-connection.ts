import type { CallAdapters, InCallHandle } from './call-adapters';
import type { InCallView } from './in-call-view';
import type { FlowWatch } from './media-flow';
import type { PeerCallOptions } from './peer';

export interface MediaConnectionEvents {
  /** The media connection exists: the in-call controls mean something from now on. */
  onInCall(inCall: InCallHandle): void;
  onInCallChange(patch: Partial<InCallView>): void;
  onPreview(stream: MediaStream): void;
  onRemoteStream(stream: MediaStream): void;
  onFlowing(at: number): void;
  onStalled(): void;
  onFailure(detail: string): void;
}

/**
 * One call's media connection and what hangs off it: the PeerJS call, then, once the RTCPeerConnection
 * exists, the in-call controls and the watch on media flow. Closed as a whole.
 */
export function openMediaConnection(adapters: CallAdapters, options: PeerCallOptions, events: MediaConnectionEvents) {
  let inCall: InCallHandle | null = null;
  let flow: FlowWatch | null = null;
  const peerCall = adapters.openPeer(options, {
    onConnection: (pc) => {
      // The callee (waiting to be called) is the polite side of renegotiation.
      inCall = adapters.startInCall(pc, options.localStream, options.remotePeerId === null, {
        onChange: events.onInCallChange,
        onPreview: events.onPreview,
      });
      events.onInCall(inCall);
      flow = adapters.watchFlow(pc, {
        onFlowing: events.onFlowing,
        onStalled: events.onStalled,
        onSample: (stats) => inCall?.sample(stats),
      });
    },
    onRemoteStream: events.onRemoteStream,
    onFailure: events.onFailure,
  });

  return {
    /** Null until the media connection exists. */
    inCall: () => inCall,
    close() {
      flow?.stop();
      inCall?.close();
      peerCall.close();
    },
  };
}

export type MediaConnection = ReturnType<typeof openMediaConnection>;
