import type { Media } from '../protocol/wire';

const CAMERA: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };

/** The only file that asks for the camera, the microphone or the screen. */
export async function acquireLocalMedia(media: Media): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true },
    video: media === 'video' ? CAMERA : false,
  });
}

/** A fresh camera track: turning the camera off stops it, so the camera light goes out too. */
export async function acquireCamera(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: CAMERA });
  return stream.getVideoTracks()[0]!;
}

/** The browser asks what to share and shows its own "Stop sharing" bar. */
export async function acquireScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  return stream.getVideoTracks()[0]!;
}

export function stopMedia(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
