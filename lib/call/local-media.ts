import type { Media } from '../protocol/wire';
import type { Allowed, PermissionResult } from './permission-result';

const CAMERA: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

const MICROPHONE: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

/** Exactly what the call needs: sound, and the camera too for a video call. */
function acquireAll(media: Media): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(media === 'audio' ? { audio: MICROPHONE } : { audio: MICROPHONE, video: CAMERA });
}

/**
 * The only file that asks for the camera, the microphone or the screen. A video call whose camera is refused
 * or missing goes on with sound only (the camera shows as off); without a microphone there is no call.
 */
export async function acquireLocalMedia(media: Media): Promise<MediaStream> {
  try {
    return await acquireAll(media);
  } catch (error) {
    if (media === 'audio') throw error;
    const sound = await navigator.mediaDevices.getUserMedia({ audio: MICROPHONE }).catch(() => null);
    if (!sound) throw error;
    return sound;
  }
}

/**
 * Side panels and popups cannot show the browser's permission prompt: getUserMedia fails there while the
 * permission is still "prompt". Then `ask` (a normal tab) gets the person's answer and media is asked again.
 * When both were allowed, the camera is asked for until it comes: a failure in the moment after the answer
 * is Chromium still applying it, and falling back to sound then would start a video call without video.
 */
export async function acquireWithPermission(media: Media, ask: () => Promise<Allowed>): Promise<MediaStream> {
  try {
    return await acquireLocalMedia(media);
  } catch (error) {
    const status = await navigator.permissions.query({ name: 'microphone' as PermissionName }).catch(() => null);
    if (status?.state !== 'prompt') throw error;
    const allowed = await ask();
    const all = allowed === 'granted' ? await retry(() => acquireAll(media)).catch(() => null) : null;
    return all ?? retry(() => acquireLocalMedia(media));
  }
}

export async function microphoneAllowed(): Promise<boolean> {
  const status = await navigator.permissions.query({ name: 'microphone' as PermissionName }).catch(() => null);
  return status?.state === 'granted';
}

/**
 * The permission tab's question: both, else the microphone alone. Its media are released at once: getting
 * them is what records the person's answer for the extension's pages.
 */
export async function askForMediaAccess(): Promise<PermissionResult> {
  try {
    stopMedia(await navigator.mediaDevices.getUserMedia({ audio: true, video: true }));
    return 'granted';
  } catch {
    try {
      stopMedia(await navigator.mediaDevices.getUserMedia({ audio: true }));
      return 'microphone-only';
    } catch {
      return 'denied';
    }
  }
}

/**
 * Measured here: right after the permission tab got its media, the side panel's own request is still
 * "dismissed" for a few milliseconds to a second, until Chromium applies the new setting to it.
 */
async function retry<T>(attempt: () => Promise<T>, tries = 8, pauseMs = 250): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** A fresh camera track: turning the camera off stops it, so the camera light goes out too. */
export async function acquireCamera(deviceId?: string): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: deviceId ? { ...CAMERA, deviceId: { exact: deviceId } } : CAMERA });
  return stream.getVideoTracks()[0]!;
}

export async function acquireMicrophone(deviceId: string): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { ...MICROPHONE, deviceId: { exact: deviceId } } });
  return stream.getAudioTracks()[0]!;
}

/**
 * The browser asks what to share and shows its own "Stop sharing" bar. A shared screen is mostly text:
 * the `detail` hint makes WebRTC drop frames rather than resolution when the CPU or the link is short,
 * so the other side can still read it.
 */
export async function acquireScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const track = stream.getVideoTracks()[0]!;
  track.contentHint = 'detail';
  return track;
}

export function stopMedia(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
