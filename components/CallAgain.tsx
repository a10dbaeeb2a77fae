import { i18n } from '#i18n';
import type { Media } from '@/lib/protocol/wire';
import { Icon } from './call-icons';

/** After a call (or once signed in): call the same person, with sound or with video, or close the window. */
export function CallAgain(props: { labels: Record<Media, string>; onCall(media: Media): void; onClose(): void }) {
  return (
    <div className="controls after">
      <button type="button" className="again" data-testid="ringside-call-again" data-media="audio" onClick={() => props.onCall('audio')}>
        <Icon name="mic" />
        {props.labels.audio}
      </button>
      <button type="button" className="again" data-testid="ringside-call-again" data-media="video" onClick={() => props.onCall('video')}>
        <Icon name="camera" />
        {props.labels.video}
      </button>
      <button type="button" className="close" onClick={props.onClose}>
        {i18n.t('closeWindow')}
      </button>
    </div>
  );
}
