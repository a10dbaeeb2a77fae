import { SERVER_URL } from '@/lib/config/server-url';
import { browserCallAdapters } from '@/lib/call/browser-call-adapters';
import { createCallController } from '@/lib/call/call-controller';
import { recordOfEndedCall } from '@/lib/call-log/call-log';
import type { CallIntent, BackgroundToWindow } from '@/lib/messages/call-port';
import type { CallView } from '@/lib/call/call-controller';
import { connectToBackground } from './background-port';
import { askMediaPermission } from './media-permission';
import { useCallStore } from './call-store';
import { outcomeOf } from '@/lib/call/intent-outcome';
import type { Media } from '@/lib/protocol/wire';
import type { GuestInfo } from '@/lib/protocol/call-link';
import { readSelfHandle } from './self-handle';

/** How long the server link may stay down before a call that is not yet connected gives up. */
const LINK_GRACE_MS = 10_000;

/** Wires the call controller to the background port and the UI store for this call window. */
export function startCallSession() {
  let linkTimer: ReturnType<typeof setTimeout> | undefined;
  /** When each call of this window began, for the call log; reported once when it ends. */
  const startedAt = new Map<string, number>();
  const reported = new Set<string>();
  /** Calls from a call link's guest: logged under the name they gave, marked as a guest. */
  const guests = new Map<string, GuestInfo>();

  function reportEnd({ call }: CallView) {
    if (call.phase !== 'ended' || reported.has(call.callId)) return;
    reported.add(call.callId);
    // The name the ring carried (or x.com showed), so the log reads "Alice (@alice)".
    const { profile } = useCallStore.getState();
    const name = profile?.handle === call.peer && profile.name ? { name: profile.name } : {};
    port.send({ type: 'ended', record: { ...recordOfEndedCall(call, startedAt.get(call.callId) ?? call.endedAt, guests.get(call.callId)), ...name } });
  }

  const controller = createCallController({
    serverUrl: SERVER_URL,
    send: (message) => port.send(message),
    onChange: (view) => {
      useCallStore.setState({ view });
      // "Already in a call with @bob" is wrong once that call is over.
      const live = view.call.phase !== 'idle' && view.call.phase !== 'ended';
      if (!live && useCallStore.getState().notice?.kind === 'in-call') useCallStore.setState({ notice: null });
      reportEnd(view);
    },
    askMediaPermission,
    adapters: browserCallAdapters,
  });

  const currentCallId = () => {
    const call = controller.view().call;
    return call.phase !== 'idle' && call.phase !== 'ended' ? call.callId : null;
  };

  function dial(callId: string, handle: string, media: Media) {
    startedAt.set(callId, Date.now());
    const { profile } = useCallStore.getState();
    useCallStore.setState({ notice: null, profile: profile?.handle === handle ? profile : { handle } });
    controller.dispatch({ type: 'dial', callId, peer: handle, media });
  }

  /** A call asked for from x.com, the popup or a toast: started, or the reason it cannot start, in words. */
  async function begin(intent: CallIntent) {
    const asked =
      intent.kind === 'dial' ? { kind: 'dial' as const, handle: intent.handle, media: intent.media } : { kind: 'answer' as const, from: intent.ring.from };
    const outcome = outcomeOf(asked, controller.view().call, (await readSelfHandle()) !== null);
    if (outcome.kind !== 'start') {
      useCallStore.setState({ notice: outcome });
      return;
    }
    if (intent.kind === 'dial') return dial(intent.callId, intent.handle, intent.media);
    const { ring } = intent;
    startedAt.set(ring.callId, Date.now());
    const profile = {
      handle: ring.from,
      ...(ring.name ? { name: ring.name } : {}),
      ...(ring.avatarUrl ? { avatarUrl: ring.avatarUrl } : {}),
      ...(ring.guest ? { guest: ring.guest } : {}),
    };
    useCallStore.setState({ notice: null, profile });
    if (ring.guest) guests.set(ring.callId, ring.guest);
    controller.dispatch({ type: 'incoming', callId: ring.callId, peer: ring.from, media: ring.media });
    controller.dispatch({ type: 'accept', media: intent.media });
  }

  function onMessage(message: BackgroundToWindow) {
    switch (message.type) {
      case 'intent':
        if (message.intent) void begin(message.intent);
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
    /** Call again, or the call asked for before signing in: a new call from this window. */
    call: (handle: string, media: Media) => dial(crypto.randomUUID(), handle, media),
    dismissNotice: () => useCallStore.setState({ notice: null }),
    hangup: () => controller.dispatch({ type: 'hangup' }),
    toggleMute: controller.toggleMute,
    toggleCamera: controller.toggleCamera,
    toggleScreen: controller.toggleScreen,
    useMicrophone: controller.useMicrophone,
    useCamera: controller.useCamera,
  };
}
