import type { IncomingMessage, Server } from 'node:http';
import { CLOSE_POLICY as POLICY } from '../lib/protocol/close-codes';
import type { Duplex } from 'node:stream';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { PEER_SERVER_KEY as PEER_KEY } from '../lib/protocol/endpoints';
import { quote, type Log } from './log';
import { CALL_ENDED, type MintedPeers } from './minted-peers';
import { TokenBucket } from './rate-limit';
import type { TurnBudget } from './turn-budget';

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
  /** Sockets open at once; the next minted peer finds the node full and its call ends in words. */
  maxSockets: number;
}

export interface PeerHooks {
  /** A minted peer found the node full: its call must end, and both people hear why. */
  full(callId: string): void;
  /** A socket closed for what it sent (a fixed reason). */
  refused(reason: string): void;
}

/** What became of an upgrade: `full` means the call it belongs to has been ended (`hooks.full`). */
export type PeerAdmission = 'admitted' | 'refused' | 'full';

export interface PeerGate {
  /** Express app to mount at `/peerjs`; it also emits `connection` with the client whose peer came up. */
  app: ReturnType<typeof ExpressPeerServer>;
  /** Takes the upgrade for a minted id with its token; otherwise the caller answers 403 (refused) or 503 (full). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): PeerAdmission;
  /** Whether `count` more sockets fit under the cap. */
  hasRoomFor(count: number): boolean;
  wss: WebSocketServer;
}

/**
 * The only file that knows `peer`. It lets a socket in only with a minted id and its token, each named once
 * in the URL (the id `peer` registers is the id checked here), and then holds it to the limits every `/ws`
 * socket has: message size and rate, messages only to its call's other peer, and no more than a bound of
 * bytes waiting toward it when it stops reading.
 */
export function createPeerGate(
  httpServer: Server,
  minted: MintedPeers,
  limits: PeerLimits,
  log: Log,
  hooks: PeerHooks,
  /** Closing a socket writes its close frame at once: a mass hang-up closes them a few each turn. */
  turns: TurnBudget,
): PeerGate {
  // noServer: one upgrade listener routes both /ws and /peerjs; peer's default would attach its own to httpServer.
  const wss = new WebSocketServer({ noServer: true, maxPayload: PEER_MAX_PAYLOAD });
  const app = ExpressPeerServer(httpServer, {
    path: '/',
    key: PEER_KEY,
    allow_discovery: false,
    // The cap is ours (limits.maxSockets, checked before the upgrade, so the call ends in words): peer's own
    // default of 5,000 would answer its 5,001st peer with an error nobody reads. Its check still copies the
    // client list per connect (about 50 µs at 10,000 peers) and its 300 ms liveness scan cannot be set.
    concurrent_limit: Number.POSITIVE_INFINITY,
    corsOptions: { origin: (origin: string | undefined, allow: (error: null, allowed: boolean) => void) => allow(null, origin !== undefined && limits.corsOrigin(origin)) },
    createWebSocketServer: () => wss,
  });
  // Express apps are EventEmitters: an 'error' nobody listens to would throw and stop the process.
  // A JSON.parse message quotes the input, which may be an SDP: only its kind is logged.
  app.on('error', (error: unknown) => log.warn(`peerjs error: ${error instanceof SyntaxError ? 'malformed message' : error instanceof Error ? error.message : String(error)}`));

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): PeerAdmission {
    const query = new URL(req.url ?? '', 'http://peerjs').searchParams;
    const names = [...query.keys()];
    const id = query.get('id') ?? '';
    const token = query.get('token') ?? '';
    const refused = (why: string) => {
      log.warn(`/peerjs refused id ${quote(id, 40)} from ${address}: ${why}`, { source: address });
      return 'refused' as const;
    };
    if (new Set(names).size !== names.length) return refused('a query parameter given twice');
    if (query.get('key') !== PEER_KEY || !minted.admits(id, token)) return refused('not minted');
    const callId = minted.callOf(id);
    // Room is kept for every minted id when a call is answered (app.ts): only sockets still closing for what
    // they sent (up to 2 s) can have taken it since.
    if (!hasRoomFor(1) && callId !== undefined) {
      log.warn(`/peerjs full (${wss.clients.size} of ${limits.maxSockets} sockets): call ${callId} ended`, { source: address, callId });
      hooks.full(callId);
      return 'full';
    }
    // `peer` reads the URL again: it must read exactly what was checked.
    req.url = `/peerjs/peerjs?${new URLSearchParams({ key: PEER_KEY, id, token })}`;
    wss.handleUpgrade(req, socket, head, (ws) => {
      minted.attach(id, ws);
      guard(ws, id, address);
      // peer listens for 'connection' on the server it was given, reading id, token and key from req.url.
      wss.emit('connection', ws, req);
    });
    return 'admitted';
  }

  function hasRoomFor(count: number): boolean {
    return wss.clients.size + count <= limits.maxSockets;
  }

  /** Filters the socket's messages before `peer` hears them, and bounds what waits toward it. */
  function guard(ws: WebSocket, id: string, address: string): void {
    const bucket = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2, Date.now());
    const partner = minted.partnerOf(id);
    let waiting = 0;
    // Whoever closes it (the call ending, peer, a limit below), the close waits its turn, and from then on
    // nothing it sends is relayed.
    let closing = false;
    const closeNow = ws.close.bind(ws);
    ws.close = ((code?: number, reason?: string) => {
      if (closing) return;
      closing = true;
      turns.run(() => {
        closeNow(code, reason);
        // The call is over (1000): its close frame goes out and the socket with it, without waiting for the
        // client's answer. After a mass hang-up those answers (close frames, ends, closes) would all come back
        // in one turn of the event loop that no budget paces; now each socket is done with in the turn it
        // closed. A client closed for what it sent (1008) is still given the time to read why.
        if (code === CALL_ENDED) ws.terminate();
      });
    }) as WebSocket['close'];
    const close = (why: string) => {
      hooks.refused(why);
      log.warn(`/peerjs ${id.slice(0, 8)}… from ${address} closed: ${why}`, { source: address, callId: minted.callOf(id) });
      // Messages after this are dropped unread (below); the timer cuts a client that never answers the close.
      ws.close(POLICY, why);
      setTimeout(() => ws.terminate(), 2000).unref();
    };
    const emit = ws.emit.bind(ws);
    ws.emit = (event: string | symbol, ...args: unknown[]): boolean => {
      if (event !== 'message' || ws.readyState !== ws.OPEN || closing) return event === 'message' ? false : emit(event, ...args);
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
        log.warn(`/peerjs ${id.slice(0, 8)}… from ${address} closed: not reading (${ws.bufferedAmount} bytes waiting)`, { source: address, callId: minted.callOf(id) });
        return void ws.terminate();
      }
      return (send as (...a: unknown[]) => void)(data, ...rest);
    }) as WebSocket['send'];
  }

  return { app, upgrade, hasRoomFor, wss };
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
