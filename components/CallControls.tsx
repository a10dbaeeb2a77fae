import { i18n } from '#i18n';
import type { PeerMediaState } from '@/lib/call/control-protocol';
import { Icon, type IconName } from './call-icons';

export interface CallControlsProps {
  /** Null before the media connection exists: the controls are there but disabled, hang-up works. */
  local: PeerMediaState | null;
  /** The browser can do picture-in-picture. */
  canPictureInPicture: boolean;
  /** There is a picture of the other person to put there. */
  hasPicture: boolean;
  onMute(): void;
  onCamera(): void;
  onScreen(): void;
  onPictureInPicture(): void;
  onHangup(): void;
  devicesOpen: boolean;
  onDevices(): void;
}

function Toggle(props: { testid: string; pressed: boolean; label: string; icon: IconName; shortcut?: string; disabled: boolean; onClick(): void }) {
  return (
    <button
      type="button"
      className="control"
      disabled={props.disabled}
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

/**
 * Mute, camera, screen, devices, picture-in-picture and hang-up, in the order people expect from other call
 * apps. Every control is always there (disabled until it can act), so hang-up never moves: not between
 * ringing and talking, not between an audio and a video call.
 */
export function CallControls(props: CallControlsProps) {
  const { local } = props;
  const waiting = local === null;
  const state = local ?? { muted: false, cameraOff: false, sharing: false };
  return (
    <div className="controls" role="toolbar" aria-label={i18n.t('callControls')}>
      <Toggle
        testid="ringside-mute"
        pressed={state.muted}
        label={i18n.t('controlMute')}
        icon={state.muted ? 'micOff' : 'mic'}
        shortcut="Control+D Meta+D"
        disabled={waiting}
        onClick={props.onMute}
      />
      <Toggle
        testid="ringside-camera"
        pressed={state.cameraOff}
        label={i18n.t('controlCameraOff')}
        icon={state.cameraOff ? 'cameraOff' : 'camera'}
        shortcut="Control+E Meta+E"
        disabled={waiting}
        onClick={props.onCamera}
      />
      <Toggle
        testid="ringside-screen"
        pressed={state.sharing}
        label={i18n.t('controlShareScreen')}
        icon="screen"
        disabled={waiting}
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
        disabled={waiting}
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
          disabled={!props.hasPicture}
          onClick={props.onPictureInPicture}
        >
          <Icon name="pip" />
        </button>
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
