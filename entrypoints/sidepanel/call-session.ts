import { SERVER_URL } from '@/lib/config/server-url';
import { browserCallAdapters } from '@/lib/call/browser-call-adapters';
import { createCallController } from '@/lib/call/call-controller';
import { recordOfEndedCall } from '@/lib/call-log/call-log';
import type { CallIntent, BackgroundToWindow } from '@/lib/messages/call-port';
import type { CallView } from '@/lib/call/call-controller';
import { connectToBackground } from './background-port';
import { askMediaPermission } from './media-permission';
import { useCallStore } from './call-store';
import { hideIp } from '@/lib/storage/items';

/** How long the server link may stay down before a call that is not yet connected gives up. */
const LINK_GRACE_MS = 10_000;

/** Wires the call controller to the background port and the UI store for this call window. */
export function startCallSession() {
  let linkTimer: ReturnType<typeof setTimeout> | undefined;
  /** When each call of this window began, for the call log; reported once when it ends. */
  const startedAt = new Map<string, number>();
  const reported = new Set<string>();
  /** Calls from a call link's guest: no handle to call back, so they stay out of the call log. */
  const guests = new Set<string>();

  function reportEnd({ call }: CallView) {
    if (call.phase !== 'ended' || reported.has(call.callId) || guests.has(call.callId)) return;
    reported.add(call.callId);
    port.send({ type: 'ended', record: recordOfEndedCall(call, startedAt.get(call.callId) ?? call.endedAt) });
  }

  const controller = createCallController({
    serverUrl: SERVER_URL,
    relayOnly: () => hideIp.getValue(),
    send: (message) => port.send(message),
    onChange: (view) => {
      useCallStore.setState({ view });
      reportEnd(view);
    },
    askMediaPermission,
    adapters: browserCallAdapters,
  });

  const currentCallId = () => {
    const call = controller.view().call;
    return call.phase !== 'idle' && call.phase !== 'ended' ? call.callId : null;
  };

  function begin(intent: CallIntent) {
    if (currentCallId()) return;
    startedAt.set(intent.kind === 'dial' ? intent.callId : intent.ring.callId, Date.now());
    if (intent.kind === 'dial') {
      controller.dispatch({ type: 'dial', callId: intent.callId, peer: intent.handle, media: intent.media });
      return;
    }
    const { ring } = intent;
    if (ring.guest) guests.add(ring.callId);
    controller.dispatch({ type: 'incoming', callId: ring.callId, peer: ring.from, media: ring.media });
    controller.dispatch({ type: 'accept', media: intent.media });
  }

  function onMessage(message: BackgroundToWindow) {
    switch (message.type) {
      case 'intent':
        if (message.intent) begin(message.intent);
        return;
      case 'server': {
        const m = message.message;
        if (m.type === 'ringing' || m.type === 'answered' || m.type === 'accepted' || m.type === 'ended') {
          controller.dispatch({ type: 'server', message: m });
        }
        return;
      }
      case 'link':
        useCallStore.setState({ linkUp: message.connected });
        clearTimeout(linkTimer);
        if (!message.connected) linkTimer = setTimeout(() => controller.dispatch({ type: 'disconnected' }), LINK_GRACE_MS);
        return;
    }
  }

  const port = connectToBackground({ onMessage, currentCallId });

  return {
    hangup: () => controller.dispatch({ type: 'hangup' }),
    toggleMute: controller.toggleMute,
    toggleCamera: controller.toggleCamera,
    toggleScreen: controller.toggleScreen,
    useMicrophone: controller.useMicrophone,
    useCamera: controller.useCamera,
  };
}
