import { useEffect, useRef } from 'react';

/** A `<video>` showing a MediaStream; the local preview is muted so nobody hears themselves. */
export function StreamVideo(props: { stream: MediaStream | null; testid: string; label: string; muted?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== props.stream) ref.current.srcObject = props.stream;
  }, [props.stream]);
  return (
    <video
      ref={ref}
      data-testid={props.testid}
      aria-label={props.label}
      autoPlay
      playsInline
      muted={props.muted}
    />
  );
}
