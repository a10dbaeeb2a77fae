import type { IncomingMessage, Server } from 'node:http';
import { CLOSE_POLICY as POLICY } from '../lib/protocol/close-codes';
import type { Duplex } from 'node:stream';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { PEER_SERVER_KEY as PEER_KEY } from '../lib/protocol/endpoints';
import { quote, type Log } from './log';
import type { MintedPeers } from './minted-peers';
import { TokenBucket } from './rate-limit';

/** SDP offers and ICE candidates are a few KiB; ws would otherwise buffer up to 100 MiB per message. */
const PEER_MAX_PAYLOAD = 64 * 1024;
/** `peer` keeps messages to an absent id for 5 s; a partner reconnecting needs a handful, never a flood. */
const MAX_WAITING = 16;

export interface PeerLimits {
  messagesPerSecond: number;
  /** Bytes queued toward a socket that does not read, past which it is closed. */
  maxBufferedBytes: number;
  /** Origins allowed to read `/peerjs`'s HTTP answers: the extension's. */
  corsOrigin: (origin: string) => boolean;
}

export interface PeerGate {
  /** Express app to mount at `/peerjs`; it also emits `connection` with the client whose peer came up. */
  app: ReturnType<typeof ExpressPeerServer>;
  /** Takes the upgrade for a minted id with its token; false means refused, and the caller answers 403. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): boolean;
  wss: WebSocketServer;
}

/**
 * The only file that knows `peer`. It lets a socket in only with a minted id and its token, each named once
 * in the URL (the id `peer` registers is the id checked here), and then holds it to the limits every `/ws`
 * socket has: message size and rate, messages only to its call's other peer, and no more than a bound of
 * bytes waiting toward it when it stops reading.
 */
export function createPeerGate(httpServer: Server, minted: MintedPeers, limits: PeerLimits, log: Log): PeerGate {
  // noServer: one upgrade listener routes both /ws and /peerjs; peer's default would attach its own to httpServer.
  const wss = new WebSocketServer({ noServer: true, maxPayload: PEER_MAX_PAYLOAD });
  const app = ExpressPeerServer(httpServer, {
    path: '/',
    key: PEER_KEY,
    allow_discovery: false,
    corsOptions: { origin: (origin: string | undefined, allow: (error: null, allowed: boolean) => void) => allow(null, origin !== undefined && limits.corsOrigin(origin)) },
    createWebSocketServer: () => wss,
  });
  // Express apps are EventEmitters: an 'error' nobody listens to would throw and stop the process.
  // A JSON.parse message quotes the input, which may be an SDP: only its kind is logged.
  app.on('error', (error: unknown) => log.warn(`peerjs error: ${error instanceof SyntaxError ? 'malformed message' : error instanceof Error ? error.message : String(error)}`));

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): boolean {
    const query = new URL(req.url ?? '', 'http://peerjs').searchParams;
    const names = [...query.keys()];
    const id = query.get('id') ?? '';
    const token = query.get('token') ?? '';
    const refused = (why: string) => {
      log.warn(`/peerjs refused id ${quote(id, 40)} from ${address}: ${why}`, { source: address });
      return false;
    };
    if (new Set(names).size !== names.length) return refused('a query parameter given twice');
    if (query.get('key') !== PEER_KEY || !minted.admits(id, token)) return refused('not minted');
    // `peer` reads the URL again: it must read exactly what was checked.
    req.url = `/peerjs/peerjs?${new URLSearchParams({ key: PEER_KEY, id, token })}`;
    wss.handleUpgrade(req, socket, head, (ws) => {
      minted.attach(id, ws);
      guard(ws, id, address);
      // peer listens for 'connection' on the server it was given, reading id, token and key from req.url.
      wss.emit('connection', ws, req);
    });
    return true;
  }

  /** Filters the socket's messages before `peer` hears them, and bounds what waits toward it. */
  function guard(ws: WebSocket, id: string, address: string): void {
    const bucket = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2, Date.now());
    const partner = minted.partnerOf(id);
    let waiting = 0;
    const close = (why: string) => {
      log.warn(`/peerjs ${id.slice(0, 8)}… from ${address} closed: ${why}`, { source: address });
      // Messages after this are dropped unread (below); the timer cuts a client that never answers the close.
      ws.close(POLICY, why);
      setTimeout(() => ws.terminate(), 2000).unref();
    };
    const emit = ws.emit.bind(ws);
    ws.emit = (event: string | symbol, ...args: unknown[]): boolean => {
      if (event !== 'message' || ws.readyState !== ws.OPEN) return event === 'message' ? false : emit(event, ...args);
      if (!bucket.take(Date.now())) return close('too many messages'), false;
      const dst = destination(args[0] as RawData);
      if (dst !== undefined && dst !== partner) return close('message to a peer outside its call'), false;
      if (dst === undefined || minted.isConnected(dst)) waiting = 0;
      else if (++waiting > MAX_WAITING) return false;
      return emit(event, ...args);
    };
    const send = ws.send.bind(ws);
    ws.send = ((data: string, ...rest: unknown[]) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        log.warn(`/peerjs ${id.slice(0, 8)}… from ${address} closed: not reading (${ws.bufferedAmount} bytes waiting)`, { source: address });
        return void ws.terminate();
      }
      return (send as (...a: unknown[]) => void)(data, ...rest);
    }) as WebSocket['send'];
  }

  return { app, upgrade, wss };
}

/** The `dst` a PeerJS message names, if any; anything unreadable is left for `peer` to refuse. */
function destination(data: RawData): string | undefined {
  try {
    const dst = (JSON.parse(data.toString()) as { dst?: unknown }).dst;
    return typeof dst === 'string' ? dst : undefined;
  } catch {
    return undefined;
  }
}
