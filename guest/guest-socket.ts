import { LINK_TOKEN_PATTERN, type GuestClientMessage } from '@/lib/protocol/call-link';
import { parseServerMessage, type ServerMessage } from '@/lib/protocol/wire';

/** Keeps the server from closing an idle socket while the guest waits in the lobby or the call. */
const PING_MS = 20_000;

/** The link's token: the last segment of the page's own path (`/c/<token>`), never sent in a request URL. */
export function tokenOf(page: URL): string | null {
  const last = page.pathname.split('/').pop() ?? '';
  return LINK_TOKEN_PATTERN.test(last) ? last : null;
}

/** `ws` beside the page (`/c/ws`), over TLS when the page came over TLS: right behind any reverse proxy. */
export function guestSocketUrl(page: URL): string {
  const url = new URL('ws', page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.href;
}

export interface GuestSocket {
  send(message: GuestClientMessage): void;
  close(): void;
}

/** The guest page's only WebSocket. Messages that do not parse are dropped: the server speaks this protocol. */
export function openGuestSocket(url: string, events: { onOpen(): void; onMessage(message: ServerMessage): void; onClose(): void }): GuestSocket {
  const socket = new WebSocket(url);
  let ping: ReturnType<typeof setInterval> | undefined;
  const send = (message: GuestClientMessage) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  socket.addEventListener('open', () => {
    ping = setInterval(() => send({ type: 'ping' }), PING_MS);
    events.onOpen();
  });
  socket.addEventListener('message', (event) => {
    const parsed = parseServerMessage(String(event.data));
    if (parsed.ok) events.onMessage(parsed.message);
  });
  socket.addEventListener('close', () => {
    clearInterval(ping);
    events.onClose();
  });
  return { send, close: () => socket.close() };
}
