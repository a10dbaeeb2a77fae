import { i18n } from '#i18n';

export interface MediaDevice {
  kind: 'audioinput' | 'videoinput' | 'audiooutput';
  deviceId: string;
  label: string;
}

export interface DeviceSettingsProps {
  devices: MediaDevice[];
  microphoneId: string | null;
  cameraId: string | null;
  speakerId: string;
  onMicrophone(deviceId: string): void;
  onCamera(deviceId: string): void;
  /** Absent where the browser cannot choose where sound plays. */
  onSpeaker?: (deviceId: string) => void;
}

function DeviceSelect(props: {
  id: string;
  label: string;
  devices: MediaDevice[];
  value: string | null;
  onChange(deviceId: string): void;
}) {
  if (props.devices.length === 0) return null;
  return (
    <label className="device" htmlFor={props.id}>
      <span>{props.label}</span>
      <select id={props.id} data-testid={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
        {props.value === null && <option value="">{i18n.t('deviceDefault')}</option>}
        {props.devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || i18n.t('deviceUnnamed', [String(index + 1)])}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which microphone, camera and speaker the call uses; changes apply at once, mid-call. */
export function DeviceSettings(props: DeviceSettingsProps) {
  const of = (kind: MediaDevice['kind']) => props.devices.filter((d) => d.kind === kind && d.deviceId !== '');
  return (
    <section className="devices" id="ringside-device-settings" aria-label={i18n.t('controlDevices')}>
      <DeviceSelect id="ringside-microphone" label={i18n.t('deviceMicrophone')} devices={of('audioinput')} value={props.microphoneId} onChange={props.onMicrophone} />
      <DeviceSelect id="ringside-camera-device" label={i18n.t('deviceCamera')} devices={of('videoinput')} value={props.cameraId} onChange={props.onCamera} />
      {props.onSpeaker && (
        <DeviceSelect id="ringside-speaker" label={i18n.t('deviceSpeaker')} devices={of('audiooutput')} value={props.speakerId || null} onChange={props.onSpeaker} />
      )}
    </section>
  );
}
