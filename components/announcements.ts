import { i18n } from '#i18n';
import type { CallView } from '@/lib/call/call-controller';

/**
 * What changed between two views that a person who cannot see the screen should hear: the other side's
 * microphone, camera and screen, and your own toggles (so a keyboard shortcut is confirmed). `who` names the
 * other person (components/peer-label.ts).
 */
export function announcement(before: CallView, after: CallView, who = 'peer' in after.call ? `@${after.call.peer}` : ''): string | null {
  const was = before.inCall;
  const now = after.inCall;
  if (!was || !now) return null;
  if (now.remote && was.remote) {
    if (now.remote.muted !== was.remote.muted) return i18n.t(now.remote.muted ? 'remoteMuted' : 'remoteUnmuted', [who]);
    if (now.remote.cameraOff !== was.remote.cameraOff) {
      return i18n.t(now.remote.cameraOff ? 'remoteCameraOff' : 'remoteCameraOn', [who]);
    }
    if (now.remote.sharing !== was.remote.sharing) {
      return i18n.t(now.remote.sharing ? 'remoteSharing' : 'remoteStoppedSharing', [who]);
    }
  }
  if (now.local.muted !== was.local.muted) return i18n.t(now.local.muted ? 'youMuted' : 'youUnmuted');
  if (now.local.cameraOff !== was.local.cameraOff) return i18n.t(now.local.cameraOff ? 'yourCameraOff' : 'yourCameraOn');
  if (now.local.sharing !== was.local.sharing) return i18n.t(now.local.sharing ? 'youShare' : 'youStoppedSharing');
  return null;
}
