import type { ControlChannel } from './control-channel';
import type { ControlMessage } from './control-protocol';

const GATHER_WAIT_MS = 3000;

/**
 * "Perfect negotiation" over the control channel, for changes after the call is up (a camera added to an
 * audio call, an ICE restart). The callee is polite: when both sides offer at once it yields.
 * Descriptions go out with their candidates gathered, so an ICE restart needs no trickle path.
 */
export function attachRenegotiation(pc: RTCPeerConnection, channel: ControlChannel, polite: boolean) {
  let makingOffer = false;

  async function sendLocal() {
    await gathered(pc);
    const description = pc.localDescription;
    if (description && (description.type === 'offer' || description.type === 'answer')) {
      channel.send({ type: 'sdp', description: { type: description.type, sdp: description.sdp } });
    }
  }

  const onNegotiationNeeded = async () => {
    if (pc.signalingState !== 'stable') return;
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      await sendLocal();
    } catch (error) {
      console.warn('[ringside] renegotiation failed', error);
    } finally {
      makingOffer = false;
    }
  };

  return {
    /**
     * Called once the control channel is open: before that, PeerJS's own offer/answer is in flight and the
     * browser's "negotiation needed" belongs to it.
     */
    start() {
      pc.onnegotiationneeded = onNegotiationNeeded;
    },
    async receive(message: Extract<ControlMessage, { type: 'sdp' }>) {
      const { description } = message;
      const collision = description.type === 'offer' && (makingOffer || pc.signalingState !== 'stable');
      if (!polite && collision) return;
      if (description.type === 'answer' && pc.signalingState !== 'have-local-offer') return;
      try {
        await pc.setRemoteDescription(description);
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          await sendLocal();
        }
      } catch (error) {
        console.warn('[ringside] could not apply the other side’s description', error);
      }
    },
    detach() {
      pc.onnegotiationneeded = null;
    },
  };
}

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => pc.iceGatheringState === 'complete' && done();
    const timer = setTimeout(done, GATHER_WAIT_MS);
    pc.addEventListener('icegatheringstatechange', check);
  });
}
