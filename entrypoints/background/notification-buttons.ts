import type { ClientMessage } from '@/lib/protocol/wire';
import type { CallIntents } from './call-intents';
import { openCallWindow } from './call-window';
import { callBackFromNotification } from './call-history';
import { clearRing, ringIdFromNotification } from './ring-inbox';

/** A ring's desktop notification: Accept (as the caller rang) or Decline; a missed call's: Call back. */
export function createNotificationButtons(deps: {
  intents: Pick<CallIntents, 'answer' | 'dial'>;
  send: (message: ClientMessage) => boolean;
  callWindowOpen: () => boolean;
}) {
  return (notificationId: string, buttonIndex: number) => {
    const callBack = callBackFromNotification(notificationId);
    if (callBack) {
      openCallWindow(undefined, deps.callWindowOpen());
      deps.intents.dial(callBack.handle, callBack.media);
      return;
    }
    const callId = ringIdFromNotification(notificationId);
    if (!callId) return;
    if (buttonIndex === 0) {
      openCallWindow(undefined, deps.callWindowOpen());
      deps.intents.answer(callId, null);
      return;
    }
    deps.send({ type: 'decline', callId });
    void clearRing(callId, 'declined');
  };
}
