import { parseServerMessage, type ClientMessage, type ServerMessage } from '../protocol/wire';
import { CLOSE_SIGNED_OUT } from '../protocol/close-codes';
import { RING_SOCKET_PATH } from '../protocol/endpoints';
import { reconnectDelay } from './backoff';

/** Under the 30 s after which Chrome stops an idle service worker, and under the server's idle limit. */
export const KEEPALIVE_MS = 15_000;

export interface ServerLinkOptions {
  url: string;
  /** Called on every (re)connect with the server's fresh challenge: presence is registered anew each time. */
  hello: (nonce: string) => Promise<ClientMessage | null>;
  /** The server ended this identity (signed out, expired, or it wants a real sign-in): no retry until asked. */
  onSignedOut?: () => void;
  onMessage: (message: ServerMessage) => void;
  onStatus: (connected: boolean) => void;
  /** Called with each keepalive while linked: whatever else tells the browser the background is still at work. */
  keepAwake?: () => void;
  log?: (line: string) => void;
}

export interface ServerLink {
  connect(): void;
  send(message: ClientMessage): boolean;
  isOpen(): boolean;
  close(): void;
}

/** The only place the extension opens a WebSocket. */
export function createServerLink(options: ServerLinkOptions): ServerLink {
  let socket: WebSocket | null = null;
  let welcomed = false;
  let attempt = 0;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closedOnPurpose = false;
  const log = options.log ?? (() => {});

  function scheduleRetry() {
    if (closedOnPurpose || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect();
    }, reconnectDelay(attempt++));
  }

  function connect() {
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    closedOnPurpose = false;
    const ws = new WebSocket(new URL(RING_SOCKET_PATH, options.url).href.replace(/^http/, 'ws'));
    socket = ws;
    const sayHello = async (nonce: string) => {
      const hello = await options.hello(nonce);
      if (ws.readyState !== WebSocket.OPEN) return;
      if (!hello) {
        closedOnPurpose = true;
        ws.close(1000);
        return;
      }
      ws.send(JSON.stringify(hello));
      keepalive = setInterval(() => {
        ws.send(JSON.stringify({ type: 'ping' }));
        options.keepAwake?.();
      }, KEEPALIVE_MS);
    };
    ws.onmessage = (event) => {
      const parsed = typeof event.data === 'string' ? parseServerMessage(event.data) : null;
      if (!parsed?.ok) {
        log(`ignored a malformed server message: ${parsed ? parsed.error : 'binary'}`);
        return;
      }
      if (parsed.message.type === 'challenge') void sayHello(parsed.message.nonce);
      if (parsed.message.type === 'welcome') {
        welcomed = true;
        attempt = 0;
        options.onStatus(true);
      }
      options.onMessage(parsed.message);
    };
    ws.onclose = (event) => {
      clearInterval(keepalive);
      if (socket === ws) socket = null;
      if (welcomed) options.onStatus(false);
      welcomed = false;
      log(`server link closed (${event.code})`);
      if (event.code === CLOSE_SIGNED_OUT) {
        options.onSignedOut?.();
        return;
      }
      scheduleRetry();
    };
  }

  return {
    connect,
    send(message) {
      if (!socket || !welcomed) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    isOpen: () => welcomed,
    close() {
      closedOnPurpose = true;
      clearTimeout(retry);
      retry = undefined;
      socket?.close(1000);
    },
  };
}
