import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import express from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { AUTH_PATH, nodePeerPath, PEER_SERVER_PATH, RING_SOCKET_PATH } from '../lib/protocol/endpoints';
import { MAX_FRAME_BYTES } from '../lib/protocol/wire';
import { CallRouter } from './calls/router';
import type { ServerConfig } from './config';
import { answerWithoutStack } from './answer-errors';
import { clientAddress } from './client-address';
import { ConnectionGuard } from './connection-guard';
import { extensionOrigins } from './extension-origin';
import { openFilesLimit } from './fd-limit';
import { describeFailure, quote, throttled, withFields, type Log } from './log';
import { pinoLog } from './pino-log';
import { MintedPeers } from './minted-peers';
import { createPeerGate } from './peer-gate';
import { drainSockets, inCall } from './drain';
import { serverMetrics, type RefusalReason } from './metrics';
import { serveMetrics } from './metrics-server';
import { openClusterState } from './cluster/open';
import { ringCarrier } from './cluster/ring-snapshot';
import type { DeviceInfo } from './presence';
import { TurnBudget } from './turn-budget';
import { RingGate } from './reach/ring-gate';
import { ReachService } from './reach/service';
import { ReachStore } from './reach/store';
import { PresenceWatchers } from './reach/watchers';
import { RingSocket, type SessionServices } from './ws-session';
import { RingSockets, sweepEveryMs } from './ring-sockets';
import { corked } from './corked';
import { guestCalling } from './links/guest-session';
import { AccountStore } from './auth/accounts';
import type { Authenticator } from './auth/authenticate';
import { signInRoutes } from './auth/routes';
import { SessionStore } from './auth/sessions';
import { SignIn, type FetchXUser } from './auth/sign-in';
import { fetchXUser } from './auth/x-client';
import { turnCredentials } from './turn';
import { openStorage } from './storage/storage';
import { GUEST_SOCKET_PATH, LINK_PATH } from '../lib/protocol/call-link';
import { startCallLinks } from './links/call-links';
import { withoutLinkToken } from './links/redact';

export interface RunningServer {
  /** `http://host:port`, with the port the OS chose when config.port was 0. */
  url: string;
  port: number;
  signIn: 'dev' | 'x';
  /** `http://host:port/metrics` when config.metrics asked for the listener. */
  metricsUrl?: string;
  /** Stops taking clients and sends them elsewhere, waiting for calls in progress up to config.drainTimeoutMs. */
  drain(): Promise<{ cutShort: number }>;
  close(): Promise<void>;
}

/** One HTTP server carrying `/healthz`, the `/ws` ring protocol and the `/peerjs` PeerServer. */
export async function startServer(
  config: ServerConfig,
  { log: sink = pinoLog(), fetchUser = fetchXUser }: { log?: Log; fetchUser?: FetchXUser } = {},
): Promise<RunningServer> {
  const node = config.nodeId ?? randomBytes(4).toString('hex');
  // With several nodes every line names its node, so their logs still read apart once collected in one place.
  const log = throttled(config.redisUrl ? withFields(sink, { node }) : sink);
  const metrics = serverMetrics({
    ringSockets: () => open.size + guestWss.clients.size,
    peerSockets: () => peerSockets(),
    connections: () => guard.open,
    presence: () => ({ ...presence.localCounts(), ringing: router.ringingHere(), live: minted.liveCalls() }),
    draining: () => draining,
  });
  const presence = await openClusterState({ ...config, node }, log, metrics.redis);
  const minted = new MintedPeers();
  let draining = false;
  // ws's own list of clients would cost a closure a socket: the sessions keep theirs (`open`).
  const ringWss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, WebSocket: RingSocket, clientTracking: false });
  const guestWss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const open = new RingSockets(sweepEveryMs(config));
  // A turn of the event loop spends about this on `/ws` messages and `/peerjs` closes; more waits for the next
  // turns, so a mass hang-up never stalls timers, pings and new sockets for long.
  const turns = new TurnBudget(5);
  let peerSockets = () => 0;
  const storage = await openStorage(config, log, metrics.query);
  const sessions = new SessionStore(storage.db, config.sessionIdleMs, log);
  sessions.start();
  const auth: Authenticator = { mode: config.auth, sessions, accounts: new AccountStore(storage.db) };
  const turn = config.turn;
  const reachStore = new ReachStore(storage.db, config.auth);
  const watchers = new PresenceWatchers(presence, reachStore, config.presenceWatchesPerMinute, log);
  const reach = new ReachService(reachStore, presence, config.reachChangesPerMinute, (handle) => watchers.changed(handle), log);
  const gate = new RingGate(reachStore, reach, config, log, presence.limits);
  // Development identities get TURN credentials too: relay is the default between people who are not each
  // other's contacts, and development sign-in only ever listens on loopback. A call link's guest gets them for
  // its one call (its internal handle names it).
  const turnUser = (device: DeviceInfo) => device.userId ?? (device.guest ? device.handle : `dev_${device.handle}`);
  const relay = { available: turn !== undefined, iceServersFor: (device: DeviceInfo) => (turn ? [turnCredentials(turn, turnUser(device))] : []) };
  const router = new CallRouter(presence, minted, config, gate, log, relay, metrics);
  const rings = ringCarrier(presence, storage.db, config.dataDir !== undefined || config.databaseUrl !== undefined, log);
  await rings.restore();
  const links = startCallLinks(storage.db, config, router, log, { reach: reachStore, fetchUser, cluster: presence });

  // Every descriptor the process may use for connections; `/peerjs` gets as many unless configured lower.
  const descriptors = Math.max(1, openFilesLimit() - config.fdReserve);
  const addressOf = (req: IncomingMessage) => clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustedProxies);
  const guard = new ConnectionGuard(
    {
      perAddress: config.connectionsPerAddress,
      total: descriptors,
      headersTimeoutMs: config.headersTimeoutMs,
      trustedProxies: config.trustedProxies,
    },
    log,
    metrics.refused,
  );

  const app = express();
  app.disable('x-powered-by');
  // Node's own deadlines cover the requests after the first on a kept-alive connection; the guard the first.
  const httpServer = createServer(
    { headersTimeout: config.headersTimeoutMs, requestTimeout: Math.max(30_000, config.headersTimeoutMs), connectionsCheckingInterval: Math.min(1000, config.headersTimeoutMs) },
    app,
  );
  httpServer.on('connection', (socket: Socket) => guard.admit(socket));
  httpServer.prependListener('request', (req, res) => guard.requestStarted(req, res));
  // A draining node answers 503 so the load balancer stops sending it anyone.
  app.get('/healthz', (_req, res) => {
    if (draining) res.status(503).json({ ok: false, draining: true });
    else res.json({ ok: true });
  });

  if (config.x) {
    const signIn = new SignIn(config.x, auth.accounts, auth.sessions, fetchUser, log, { records: presence.records, pendingPerAddress: config.pendingSignInsPerAddress });
    app.use(AUTH_PATH, signInRoutes(signIn, { allowedOrigins: config.extensionOrigins, perMinute: config.signInRequestsPerMinute, addressOf, limits: presence.limits }, log));
  }

  const peerLimits = {
    messagesPerSecond: config.peerMessagesPerSecond,
    maxBufferedBytes: config.peerMaxBufferedBytes,
    corsOrigin: extensionOrigins(config.extensionOrigins),
    maxSockets: config.maxPeerSockets ?? descriptors,
  };
  app.use(LINK_PATH, links.routes);

  const peer = createPeerGate(httpServer, minted, peerLimits, log, {
    full: (callId) => {
      metrics.full('peer_sockets');
      void router.endServerFull(callId);
    },
    refused: (reason) => metrics.messageRefused('peerjs', reason),
  }, turns);
  peerSockets = () => peer.wss.clients.size;
  // With several nodes a call's peers meet on the node that minted their ids, named in the answer: a load
  // balancer routes /n/<node>/ to that node. /peerjs stays for one node and its clients.
  const peerPaths = new Set([PEER_SERVER_PATH, ...(presence.shared ? [nodePeerPath(presence.node)] : [])]);
  // A call answered on a node without room for its two PeerJS sockets ends at once, in words, for both. Room
  // is kept for the peers of calls answered a moment ago and not yet connected, or the last calls to fit
  // would each admit one more, whose peers then find no descriptor left.
  router.hasRoom = () => {
    const needed = 2 + minted.awaited();
    const limit = !peer.hasRoomFor(needed) ? 'peer_sockets' : !guard.hasRoomFor(needed) ? 'connections' : undefined;
    if (limit) metrics.full(limit);
    return limit === undefined;
  };
  app.use(PEER_SERVER_PATH, peer.app);
  // Mounted once: each mount makes `peer` listen for connections again, and every message would go out twice.
  if (presence.shared) app.use(nodePeerPath(presence.node), (req, res, next) => peer.app(req, res, next));
  peer.app.on('connection', (client) => {
    void router.peerConnected(client.getId()).catch((error: unknown) => log.error(`peer connection handler failed: ${describeFailure(error)}`));
  });
  app.use(answerWithoutStack(log));

  const services: SessionServices = {
    presence,
    router,
    reach,
    watchers,
    relay: relay.available,
    limits: config,
    log,
    auth,
    links: links.owners,
    refused: (reason) => metrics.messageRefused('ws', reason),
    turns,
    open,
  };

  // ws cannot share one http server between two WebSocketServers by `server:`, so every upgrade comes here.
  httpServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    guard.headersArrived(socket);
    const refuse = (status: number, reason: RefusalReason) => {
      metrics.refused(reason);
      refuseUpgrade(socket, status, log);
    };
    const address = addressOf(req);
    if (!guard.admitClient(socket, address)) return refuse(503, 'per_address');
    const path = pathOf(req.url);
    if (path === undefined) {
      log.warn(`upgrade refused: unreadable URL ${quote(withoutLinkToken(req.url ?? ''), 100)}`, { source: address });
      return refuse(400, 'unreadable_url');
    }
    // Calls in progress still reach their PeerJS peers here; new clients go to another node.
    if (draining && path === RING_SOCKET_PATH) return refuse(503, 'draining');
    // The descriptors kept for the peers of calls just answered are theirs: a newcomer taking one would leave
    // a call whose peer is then refused without a word.
    if (path === RING_SOCKET_PATH && !guard.hasRoomFor(minted.awaited())) return refuse(503, 'server_full');
    try {
      if (path === RING_SOCKET_PATH) {
        // The 101 and the challenge leave in one write.
        corked(socket, () => ringWss.handleUpgrade(req, socket, head, (ws) => ws.start(services, socket, address)));
      } else if (path === GUEST_SOCKET_PATH) {
        guestWss.handleUpgrade(req, socket, head, (ws) => links.guest(ws, address, req.headers.cookie));
      } else if (path.endsWith('/peerjs') && peerPaths.has(path.slice(0, -'/peerjs'.length))) {
        const admission = peer.upgrade(req, socket, head, address);
        if (admission === 'full') refuse(503, 'peer_full');
        else if (admission !== 'admitted') refuse(403, 'peer_not_admitted');
      } else {
        refuse(404, 'unknown_path');
      }
    } catch (error) {
      log.error(`upgrade failed: ${describeFailure(error)}`, { source: address });
      refuse(500, 'failed');
    }
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const hostInUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const metricsServer = config.metrics && (await serveMetrics(metrics, config.metrics.host, config.metrics.port));

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    signIn: config.auth,
    metricsUrl: metricsServer?.url,
    drain: async () => {
      draining = true;
      // Rings wait for the next start rather than hold this one up.
      await rings.save();
      // A guest's socket is its call: sent on mid-call, the call-link page would lose it.
      const busy = (ws: WebSocket) => (ws instanceof RingSocket ? ws.device !== undefined && inCall(presence, ws.device) : guestCalling(ws));
      const sockets = function* () {
        yield* open;
        yield* guestWss.clients;
      };
      return drainSockets({ sockets, busy, deadlineMs: config.drainTimeoutMs });
    },
    close: async () => {
      await rings.save();
      await metricsServer?.close();
      router.shutdown();
      links.stop();
      open.stop();
      for (const ws of open) ws.terminate();
      ringWss.close();
      for (const wss of [guestWss, peer.wss]) {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
      }
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      sessions.stop();
      await gate.settled();
      await storage.close();
      await presence.close();
    },
  };
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '', 'http://upgrade').pathname;
  } catch {
    return undefined;
  }
}

function refuseUpgrade(socket: Duplex, status: number, log: Log): void {
  // The http server no longer watches an upgrade's socket: an unheard reset would throw.
  socket.on('error', (error) => log.warn(`refused upgrade socket error: ${error.message}`));
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
