import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer } from 'ws';
import { quote, type Log } from './log';
import type { MintedPeers } from './minted-peers';

/** `peer`'s own key: a public constant of the PeerJS protocol, not a secret. */
const PEER_KEY = 'peerjs';
/** SDP offers and ICE candidates are a few KiB; ws would otherwise buffer up to 100 MiB per message. */
const PEER_MAX_PAYLOAD = 64 * 1024;

export interface PeerGate {
  /** Express app to mount at `/peerjs`; it also emits `connection` with the client whose peer came up. */
  app: ReturnType<typeof ExpressPeerServer>;
  /** Takes the upgrade for a minted id with its token; false means refused, and the caller answers 403. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  wss: WebSocketServer;
}

export function createPeerGate(httpServer: Server, minted: MintedPeers, log: Log): PeerGate {
  // noServer: one upgrade listener routes both /ws and /peerjs; peer's default would attach its own to httpServer.
  const wss = new WebSocketServer({ noServer: true, maxPayload: PEER_MAX_PAYLOAD });
  const app = ExpressPeerServer(httpServer, {
    path: '/',
    key: PEER_KEY,
    allow_discovery: false,
    createWebSocketServer: () => wss,
  });
  // Express apps are EventEmitters: an 'error' nobody listens to would throw and stop the process.
  app.on('error', (error: unknown) => log.warn(`peerjs error: ${error instanceof Error ? error.message : String(error)}`));

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const query = new URL(req.url ?? '', 'http://peerjs').searchParams;
    const id = query.get('id') ?? '';
    const token = query.get('token') ?? '';
    if (query.get('key') !== PEER_KEY || !minted.admits(id, token)) {
      log.warn(`/peerjs refused id ${quote(id, 40)} from ${req.socket.remoteAddress}`, { source: req.socket.remoteAddress });
      return false;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      minted.attach(id, ws);
      // peer listens for 'connection' on the server it was given, reading id, token and key from req.url.
      wss.emit('connection', ws, req);
    });
    return true;
  }

  return { app, upgrade, wss };
}
