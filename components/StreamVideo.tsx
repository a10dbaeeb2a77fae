import { useEffect, useRef } from 'react';

/**
 * A `<video>` showing a MediaStream; the local preview is muted so nobody hears themselves. When the other
 * side adds a track (video added to an audio call), the element is pointed at the stream again so it shows.
 */
export function StreamVideo(props: { stream: MediaStream | null; testid: string; label: string; muted?: boolean; hidden?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    const stream = props.stream;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;
    const reattach = () => {
      video.srcObject = null;
      video.srcObject = stream;
    };
    stream.addEventListener('addtrack', reattach);
    return () => stream.removeEventListener('addtrack', reattach);
  }, [props.stream]);
  return (
    <video
      ref={ref}
      data-testid={props.testid}
      aria-label={props.label}
      autoPlay
      playsInline
      muted={props.muted}
      hidden={props.hidden}
    />
  );
}
