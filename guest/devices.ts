import { useEffect, useState } from 'react';
import type { MediaDevice } from '@/components/DeviceSettings';

/** The browser's microphones and cameras, kept current; labels appear once the page may use them. */
export function useMediaDevices(active: boolean): MediaDevice[] {
  const [devices, setDevices] = useState<MediaDevice[]>([]);
  useEffect(() => {
    if (!active) return;
    const read = () =>
      void navigator.mediaDevices.enumerateDevices().then((list) => setDevices(list.map(({ kind, deviceId, label }) => ({ kind, deviceId, label }))));
    read();
    navigator.mediaDevices.addEventListener('devicechange', read);
    return () => navigator.mediaDevices.removeEventListener('devicechange', read);
  }, [active]);
  return devices;
}
