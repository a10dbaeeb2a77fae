/**
 * Our one video slot on the connection: the camera or the shared screen goes out on the existing video
 * sender (replaceTrack, no renegotiation); an audio call gets a video sender, and a renegotiation, only
 * when someone turns the camera on.
 */
export function createVideoSender(pc: RTCPeerConnection, localStream: MediaStream) {
  const videoTransceiver = () =>
    pc.getTransceivers().find((t) => t.currentDirection !== 'stopped' && (t.sender.track?.kind === 'video' || t.receiver.track.kind === 'video'));

  /** Sends `track` as our video (null: sends none). */
  return async function sendVideo(track: MediaStreamTrack | null): Promise<void> {
    const transceiver = videoTransceiver();
    if (!transceiver) {
      if (track) pc.addTrack(track, localStream);
      return;
    }
    await transceiver.sender.replaceTrack(track);
    // A slot the other side opened (they added video to an audio call) only receives until we send too.
    if (track && (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive')) {
      transceiver.sender.setStreams(localStream);
      transceiver.direction = 'sendrecv';
    }
  };
}
