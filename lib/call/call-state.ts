import type { EndReason } from '../protocol/end-reason';
import type { ClientMessage, IceServer, Media, ServerMessage } from '../protocol/wire';

export type Role = 'caller' | 'callee';

interface CallFacts {
  callId: string;
  peer: string;
  media: Media;
}

export type CallState =
  | { phase: 'idle' }
  /** `rung`: the ring went out, which waits for the microphone (a first call asks for it in a tab first). */
  | ({ phase: 'outgoing'; rung: boolean; ringing: boolean } & CallFacts)
  | ({ phase: 'incoming' } & CallFacts)
  | ({ phase: 'connecting'; role: Role } & CallFacts)
  | ({ phase: 'connected'; role: Role; connectedAt: number } & CallFacts)
  | ({ phase: 'reconnecting'; role: Role; connectedAt: number } & CallFacts)
  | ({ phase: 'ended'; role: Role; reason: EndReason; connectedAt: number | null; endedAt: number } & CallFacts);

export type Phase = CallState['phase'];

type CallServerMessage = Extract<ServerMessage, { type: 'ringing' | 'answered' | 'accepted' | 'ended' }>;

export type CallEvent =
  | ({ type: 'dial' } & CallFacts)
  | ({ type: 'incoming' } & CallFacts)
  | { type: 'accept'; media: Media }
  | { type: 'decline' }
  | { type: 'hangup' }
  /** The microphone is there, or known to be allowed: the ring may go out. */
  | { type: 'media-ready' }
  | { type: 'media-failed' }
  | { type: 'server'; message: CallServerMessage }
  | { type: 'media-flowing'; at: number }
  | { type: 'media-stalled' }
  | { type: 'peer-failed' }
  | { type: 'disconnected' }
  | { type: 'timeout'; timer: Timer };

export type Timer = 'connect' | 'reconnect';

/** What a call window asks the server; the background adds nothing but transport. */
export type CallClientMessage = Extract<ClientMessage, { type: 'ring' | 'accept' | 'decline' | 'hangup' }>;

export type CallEffect =
  | { type: 'acquire-media'; media: Media }
  | { type: 'send'; message: CallClientMessage }
  | {
      type: 'open-peer';
      peerId: string;
      peerToken: string;
      iceServers: IceServer[];
      /** Set for the caller, who calls once its peer is open; the callee waits to be called. */
      remotePeerId: string | null;
      /** The server said this call must hide both addresses: TURN only (iceTransportPolicy `relay`). */
      relayOnly: boolean;
      /** The PeerServer path of the node both peers meet on, when the server runs several; else its `/peerjs`. */
      peerPath?: string;
    }
  | { type: 'start-timer'; timer: Timer; ms: number }
  | { type: 'cancel-timer'; timer: Timer }
  /** One side (the caller) restarts ICE when media stalls, so a changed path is found again. */
  | { type: 'restart-ice' }
  | { type: 'release' };

export const CONNECT_TIMEOUT_MS = 20_000;
export const RECONNECT_TIMEOUT_MS = 20_000;
