import { i18n } from '#i18n';
import type { PeerMediaState } from '@/lib/call/control-protocol';
import { Icon, type IconName } from './call-icons';

export interface CallControlsProps {
  /** Null before the media connection exists: only hang-up is offered then. */
  local: PeerMediaState | null;
  canPictureInPicture: boolean;
  onMute(): void;
  onCamera(): void;
  onScreen(): void;
  onPictureInPicture(): void;
  onHangup(): void;
  devicesOpen: boolean;
  onDevices(): void;
}

function Toggle(props: { testid: string; pressed: boolean; label: string; icon: IconName; shortcut?: string; onClick(): void }) {
  return (
    <button
      type="button"
      className="control"
      data-testid={props.testid}
      aria-pressed={props.pressed}
      aria-label={props.label}
      aria-keyshortcuts={props.shortcut}
      title={props.label}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
    </button>
  );
}

/** Mute, camera, screen, picture-in-picture and hang-up, in the order people expect from other call apps. */
export function CallControls(props: CallControlsProps) {
  const { local } = props;
  return (
    <div className="controls" role="toolbar" aria-label={i18n.t('callControls')}>
      {local && (
        <>
          <Toggle
            testid="ringside-mute"
            pressed={local.muted}
            label={i18n.t('controlMute')}
            icon={local.muted ? 'micOff' : 'mic'}
            shortcut="Control+D Meta+D"
            onClick={props.onMute}
          />
          <Toggle
            testid="ringside-camera"
            pressed={local.cameraOff}
            label={i18n.t('controlCameraOff')}
            icon={local.cameraOff ? 'cameraOff' : 'camera'}
            shortcut="Control+E Meta+E"
            onClick={props.onCamera}
          />
          <Toggle
            testid="ringside-screen"
            pressed={local.sharing}
            label={i18n.t('controlShareScreen')}
            icon="screen"
            onClick={props.onScreen}
          />
          <button
            type="button"
            className="control"
            data-testid="ringside-devices"
            aria-label={i18n.t('controlDevices')}
            aria-expanded={props.devicesOpen}
            aria-controls="ringside-device-settings"
            title={i18n.t('controlDevices')}
            onClick={props.onDevices}
          >
            <Icon name="settings" />
          </button>
          {props.canPictureInPicture && (
            <button
              type="button"
              className="control"
              data-testid="ringside-pip"
              aria-label={i18n.t('controlPictureInPicture')}
              title={i18n.t('controlPictureInPicture')}
              onClick={props.onPictureInPicture}
            >
              <Icon name="pip" />
            </button>
          )}
        </>
      )}
      <button
        type="button"
        className="control hangup"
        data-testid="ringside-hangup"
        aria-label={i18n.t('hangUp')}
        aria-keyshortcuts="Control+Shift+H Meta+Shift+H"
        title={i18n.t('hangUp')}
        onClick={props.onHangup}
      >
        <Icon name="hangup" />
      </button>
    </div>
  );
}
