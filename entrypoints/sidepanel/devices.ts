import { useEffect, useState } from 'react';
import type { MediaDevice } from '@/components/DeviceSettings';

/** The browser's microphones, cameras and speakers, kept current as devices come and go. */
export function useMediaDevices(active: boolean): MediaDevice[] {
  const [devices, setDevices] = useState<MediaDevice[]>([]);
  useEffect(() => {
    if (!active) return;
    const read = () =>
      void navigator.mediaDevices.enumerateDevices().then((list) =>
        setDevices(list.map(({ kind, deviceId, label }) => ({ kind, deviceId, label }))),
      );
    read();
    navigator.mediaDevices.addEventListener('devicechange', read);
    return () => navigator.mediaDevices.removeEventListener('devicechange', read);
  }, [active]);
  return devices;
}

/** Where the other person's voice plays; only where the browser lets a page choose. */
export const canChooseSpeaker = 'setSinkId' in HTMLMediaElement.prototype;

export async function playRemoteOn(deviceId: string): Promise<void> {
  const video = document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]');
  await video?.setSinkId(deviceId);
}
