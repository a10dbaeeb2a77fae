import type { Media } from '../protocol/wire';

/** The only file that asks for the camera and microphone. */
export async function acquireLocalMedia(media: Media): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: true, noiseSuppression: true },
    video: media === 'video' ? { width: { ideal: 1280 }, height: { ideal: 720 } } : false,
  });
}

export function stopMedia(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
