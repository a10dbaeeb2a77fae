import { classify, EMPTY_QUALITY_SAMPLE, readQuality, SPEAKING_LEVEL, type QualitySample } from './call-quality';
import { openControlChannel } from './control-channel';
import type { PeerMediaState } from './control-protocol';
import { acquireCamera, acquireMicrophone, acquireScreen } from './local-media';
import { SAMPLE_INTERVAL_MS } from './media-flow';
import type { InCallView } from './in-call-view';
import { attachRenegotiation } from './renegotiation';
import { createVideoSender } from './video-sender';
import { verifyCode } from './verify-code';

interface InCallEvents {
  onChange(patch: Partial<InCallView>): void;
  /** The tracks the local preview should show. */
  onPreview(stream: MediaStream): void;
}

/**
 * Everything that happens once the media connection exists: mute, camera, screen, the other side's state,
 * the verification code, quality, and renegotiation (video-sender.ts says how video goes out).
 */
export function startInCall(pc: RTCPeerConnection, localStream: MediaStream, polite: boolean, events: InCallEvents) {
  let camera: MediaStreamTrack | null = localStream.getVideoTracks()[0] ?? null;
  let screen: MediaStreamTrack | null = null;
  let local: PeerMediaState = { muted: false, cameraOff: camera === null, sharing: false };
  let lastSample: QualitySample = EMPTY_QUALITY_SAMPLE;
  let cameraId = camera?.getSettings().deviceId ?? null;
  let closed = false;

  const channel = openControlChannel(pc, {
    onOpen: () => {
      negotiation.start();
      channel.send({ type: 'state', state: local });
    },
    onMessage: (message) => {
      if (message.type === 'state') events.onChange({ remote: message.state });
      else void negotiation.receive(message);
    },
  });
  const negotiation = attachRenegotiation(pc, channel, polite);

  pc.addEventListener('signalingstatechange', refreshVerifyCode);
  refreshVerifyCode();

  function refreshVerifyCode() {
    const mine = pc.localDescription?.sdp;
    const theirs = pc.remoteDescription?.sdp;
    if (pc.signalingState !== 'stable' || !mine || !theirs) return;
    void verifyCode(mine, theirs).then((code) => !closed && events.onChange({ verifyCode: code }));
  }

  function setLocal(patch: Partial<PeerMediaState>) {
    local = { ...local, ...patch };
    events.onChange({ local });
    channel.send({ type: 'state', state: local });
  }

  const sendVideo = createVideoSender(pc, localStream);

  function preview() {
    const shown = screen ?? camera;
    events.onPreview(new MediaStream(shown ? [shown] : []));
  }

  return {
    local: () => local,
    toggleMute() {
      const muted = !local.muted;
      localStream.getAudioTracks().forEach((track) => (track.enabled = !muted));
      setLocal({ muted });
    },
    async toggleCamera() {
      if (camera) {
        const stopped = camera;
        camera = null;
        if (!screen) await sendVideo(null);
        stopped.stop();
        setLocal({ cameraOff: true });
      } else {
        const track = await acquireCamera(cameraId ?? undefined);
        if (closed) return track.stop();
        camera = track;
        cameraId = track.getSettings().deviceId ?? cameraId;
        if (!screen) await sendVideo(track);
        setLocal({ cameraOff: false });
      }
      preview();
    },
    async toggleScreen() {
      if (screen) return stopSharing();
      const track = await acquireScreen();
      if (closed) return track.stop();
      screen = track;
      // The browser's own "Stop sharing" bar ends the track: go back to the camera.
      track.addEventListener('ended', () => void stopSharing());
      await sendVideo(track);
      setLocal({ sharing: true });
      preview();
    },
    devices: () => ({
      microphoneId: localStream.getAudioTracks()[0]?.getSettings().deviceId ?? null,
      cameraId,
    }),
    /** Another microphone, sent in place of the old one; the mute state carries over. */
    async useMicrophone(deviceId: string) {
      const track = await acquireMicrophone(deviceId);
      if (closed) return track.stop();
      track.enabled = !local.muted;
      const old = localStream.getAudioTracks()[0];
      await pc.getSenders().find((s) => s.track?.kind === 'audio')?.replaceTrack(track);
      if (old) {
        localStream.removeTrack(old);
        old.stop();
      }
      localStream.addTrack(track);
      events.onChange({ microphoneId: deviceId });
    },
    /** Another camera: used now if the camera is on, else the next time it is turned on. */
    async useCamera(deviceId: string) {
      cameraId = deviceId;
      events.onChange({ cameraId });
      if (!camera) return;
      const track = await acquireCamera(deviceId);
      if (closed) return track.stop();
      const old = camera;
      camera = track;
      if (!screen) await sendVideo(track);
      old.stop();
      preview();
    },
    restartIce() {
      pc.restartIce();
    },
    sample(stats: unknown[]) {
      const sample = readQuality(stats as Parameters<typeof readQuality>[0]);
      events.onChange({
        quality: classify(lastSample, sample, SAMPLE_INTERVAL_MS / 1000),
        remoteSpeaking: sample.audioLevel > SPEAKING_LEVEL,
      });
      lastSample = sample;
    },
    close() {
      closed = true;
      negotiation.detach();
      pc.removeEventListener('signalingstatechange', refreshVerifyCode);
      channel.close();
      camera?.stop();
      screen?.stop();
    },
  };

  async function stopSharing() {
    if (!screen) return;
    const ended = screen;
    screen = null;
    ended.stop();
    await sendVideo(camera);
    setLocal({ sharing: false });
    preview();
  }
}

export type InCall = ReturnType<typeof startInCall>;
