import { decodeControlMessage, encodeControlMessage, type ControlMessage } from './control-protocol';

/**
 * A negotiated data channel on the call's own RTCPeerConnection: PeerJS's media connection already carries an
 * SCTP association (its close-detection channel), so both sides open the same stream id without any extra
 * signalling or a second connection. The id is far from the ones the browser hands out automatically.
 */
const CONTROL_CHANNEL_ID = 100;

export interface ControlChannel {
  send(message: ControlMessage): void;
  close(): void;
}

export function openControlChannel(
  pc: RTCPeerConnection,
  events: { onOpen(): void; onMessage(message: ControlMessage): void },
): ControlChannel {
  const channel = pc.createDataChannel('ringside-control', { negotiated: true, id: CONTROL_CHANNEL_ID });
  const pending: string[] = [];
  channel.onopen = () => {
    pending.splice(0).forEach((data) => channel.send(data));
    events.onOpen();
  };
  channel.onmessage = (event) => {
    const message = decodeControlMessage(event.data);
    if (message) events.onMessage(message);
    else console.warn('[ringside] dropped a malformed control message');
  };
  return {
    send(message) {
      const data = encodeControlMessage(message);
      if (channel.readyState === 'open') channel.send(data);
      else if (channel.readyState === 'connecting') pending.push(data);
    },
    close() {
      channel.close();
    },
  };
}
