import Peer, { type MediaConnection } from 'peerjs';
import { PEER_SERVER_KEY, PEER_SERVER_PATH } from '../protocol/endpoints';
import type { IceServer } from '../protocol/wire';

const SIGNALLING_ERRORS = new Set<string>(['network', 'disconnected', 'server-error', 'socket-error', 'socket-closed']);
/**
 * Once media has connected, PeerJS reports stray candidates of a renegotiation (ours, over the control
 * channel) as 'webrtc' errors; they end nothing. A call that really breaks shows it in getStats.
 */
const CONNECTED_NOISE = new Set<string>([...SIGNALLING_ERRORS, 'webrtc']);

export interface PeerCallOptions {
  serverUrl: string;
  peerId: string;
  peerToken: string;
  iceServers: IceServer[];
  relayOnly: boolean;
  localStream: MediaStream;
  /** The caller calls this peer once its own is open; the callee (null) waits to be called. */
  remotePeerId: string | null;
  /** The node's PeerServer path the server named (several nodes); absent: the server's own. */
  peerPath?: string;
}

export interface PeerCallEvents {
  onConnection(pc: RTCPeerConnection): void;
  onRemoteStream(stream: MediaStream): void;
  onFailure(detail: string): void;
}

export interface PeerCall {
  close(): void;
}

/** The only file that imports PeerJS. Ids and tokens come from the server, which minted them for this call. */
export function openPeerCall(options: PeerCallOptions, events: PeerCallEvents): PeerCall {
  const server = new URL(options.serverUrl);
  const secure = server.protocol === 'https:';
  const peer = new Peer(options.peerId, {
    host: server.hostname,
    port: Number(server.port || (secure ? 443 : 80)),
    path: options.peerPath ?? PEER_SERVER_PATH,
    secure,
    key: PEER_SERVER_KEY,
    token: options.peerToken,
    config: { iceServers: options.iceServers, iceTransportPolicy: options.relayOnly ? 'relay' : 'all' },
    debug: 1,
  });
  let connection: MediaConnection | null = null;
  let mediaConnected = false;
  let closed = false;

  function attach(call: MediaConnection) {
    connection = call;
    const pc = call.peerConnection;
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') mediaConnected = true;
    });
    call.on('stream', (stream) => events.onRemoteStream(stream));
    call.on('error', (error) => events.onFailure(`media connection: ${error.type}`));
    events.onConnection(call.peerConnection);
  }

  peer.on('open', () => {
    if (options.remotePeerId) attach(peer.call(options.remotePeerId, options.localStream));
  });
  peer.on('call', (call) => {
    if (options.remotePeerId || connection) {
      call.close();
      return;
    }
    call.answer(options.localStream);
    attach(call);
  });
  peer.on('error', (error) => {
    if (closed) return;
    // Signalling is only needed to set the call up: once a media connection exists, losing the server's
    // socket (it closes it when the call ends) changes nothing; a real loss of media shows in getStats.
    if (connection && SIGNALLING_ERRORS.has(error.type)) return;
    if (mediaConnected && CONNECTED_NOISE.has(error.type)) return;
    events.onFailure(`peer: ${error.type}`);
  });

  return {
    close() {
      closed = true;
      connection?.close();
      peer.destroy();
    },
  };
}
