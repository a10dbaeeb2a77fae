import { browserCallAdapters } from '@/lib/call/browser-call-adapters';
import { createCallController, type CallController } from '@/lib/call/call-controller';
import type { Media } from '@/lib/protocol/wire';
import { guestSocketUrl, openGuestSocket, type GuestSocket } from './guest-socket';
import { useGuestStore } from './guest-store';

/**
 * The guest's side of a call link: opens the link over its own socket, then rings the owner once through
 * the call window's controller (lib/call), which sees an ordinary outgoing call. The server forces relay.
 */
export function startGuestSession(page: URL, token: string) {
  let socket: GuestSocket | null = null;
  let controller: CallController | null = null;
  const set = useGuestStore.setState;
  const phase = () => useGuestStore.getState().phase;

  function open(): void {
    set({ phase: { kind: 'opening' } });
    const opened = openGuestSocket(guestSocketUrl(page), {
      onOpen: () => opened.send({ type: 'guest.open', token }),
      onMessage: (message) => {
        if (opened !== socket) return;
        switch (message.type) {
          case 'guest.link': {
            const you = message.you && { you: message.you };
            return set({ phase: { kind: 'lobby', owner: message.owner, expiresAt: message.expiresAt, xSignIn: message.xSignIn === true, ...you } });
          }
          case 'guest.x-authorize':
            // X's own page; it sends the guest back to this link, signed in (server/links/guest-x-sign-in.ts).
            return location.assign(message.url);
          case 'guest.refused': {
            const view = controller?.view();
            // A ring the limit refused ends in words the call view has; anything else ends the link.
            if (message.reason === 'rate-limited' && view?.call.phase === 'outgoing') {
              return controller?.dispatch({ type: 'server', message: { type: 'ended', callId: view.call.callId, reason: 'rate-limited' } });
            }
            return set({ phase: { kind: 'refused', reason: message.reason } });
          }
          case 'ringing':
          case 'accepted':
          case 'ended':
            return controller?.dispatch({ type: 'server', message });
        }
      },
      onClose: () => {
        if (opened !== socket) return;
        if (phase().kind === 'opening') return set({ phase: { kind: 'unreachable' } });
        // Lost before the call was up: the call cannot go on without the server.
        controller?.dispatch({ type: 'disconnected' });
      },
    });
    socket = opened;
  }

  /** Rings the owner with the devices the lobby previewed (`stream`), or asks for new ones. */
  function join(name: string, media: Media, stream: MediaStream | null): void {
    const current = phase();
    if (current.kind !== 'lobby') return;
    set({ phase: { kind: 'call', owner: current.owner, expiresAt: current.expiresAt } });
    controller = createCallController({
      serverUrl: page.origin,
      send: (message) => {
        if (message.type === 'ring') socket?.send({ type: 'guest.ring', callId: message.callId, name, media: message.media });
        else if (message.type === 'hangup') socket?.send(message);
      },
      onChange: (view) => set({ view }),
      // A web page gets the browser's own prompt: there is no other place to ask.
      askMediaPermission: () => Promise.reject(new Error('refused')),
      adapters: { ...browserCallAdapters, acquireMedia: (wanted, ask) => (stream ? Promise.resolve(fitted(stream, wanted)) : browserCallAdapters.acquireMedia(wanted, ask)) },
    });
    controller.dispatch({ type: 'dial', callId: crypto.randomUUID(), peer: current.owner, media });
  }

  open();
  return {
    join,
    /** Sign in with X: the server answers with X's authorize URL, and back here afterwards. */
    signInWithX: () => socket?.send({ type: 'guest.x-begin', base: new URL('.', page).href }),
    /** After a call that never connected: the link still works, so open it again. */
    again: () => {
      socket?.close();
      controller = null;
      set({ view: useGuestStore.getInitialState().view });
      open();
    },
    hangup: () => controller?.dispatch({ type: 'hangup' }),
    toggleMute: () => controller?.toggleMute(),
    toggleCamera: () => controller?.toggleCamera(),
    toggleScreen: () => controller?.toggleScreen(),
    useMicrophone: (id: string) => controller?.useMicrophone(id),
    useCamera: (id: string) => controller?.useCamera(id),
  };
}

/** An audio call sends no video: the previewed camera stops. */
function fitted(stream: MediaStream, media: Media): MediaStream {
  if (media === 'video') return stream;
  stream.getVideoTracks().forEach((track) => track.stop());
  return new MediaStream(stream.getAudioTracks());
}

export type GuestSession = ReturnType<typeof startGuestSession>;
