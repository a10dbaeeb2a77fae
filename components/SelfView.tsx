import { i18n } from '#i18n';
import { initialOf } from '@/lib/call/stage';
import { StreamVideo } from './StreamVideo';

/**
 * Your own preview in the corner of the stage; with the camera off (or in an audio call) your initial
 * stands there instead of an unlabelled grey box. The video element stays, hidden, so turning the camera
 * on again shows the preview at once.
 */
export function SelfView({ stream, cameraOff, self }: { stream: MediaStream | null; cameraOff: boolean; self: string | null }) {
  return (
    <>
      <StreamVideo stream={stream} testid="ringside-local-video" label={i18n.t('localVideo')} muted hidden={cameraOff} />
      {cameraOff && (
        <div className="self-off" data-testid="ringside-self-off" role="img" aria-label={i18n.t('yourCameraOff')}>
          <span aria-hidden="true">{self ? initialOf(self) : ''}</span>
        </div>
      )}
    </>
  );
}
