import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express from 'express';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../lib/protocol/wire';
import { CallRouter } from './calls';
import type { ServerConfig } from './config';
import { describeFailure, throttled, type Log } from './log';
import { pinoLog } from './pino-log';
import { MintedPeers } from './minted-peers';
import { createPeerGate } from './peer-gate';
import { InProcessPresence } from './presence';
import { PresenceQueries } from './presence-query';
import { startSession } from './ws-session';
import { FileAccountStore } from './auth/accounts';
import type { Authenticator } from './auth/authenticate';
import { signInRoutes } from './auth/routes';
import { SessionStore } from './auth/sessions';
import { SignIn, type FetchXUser } from './auth/sign-in';
import { fetchXUser } from './auth/x-client';
import { turnCredentials } from './turn';

export interface RunningServer {
  /** `http://host:port`, with the port the OS chose when config.port was 0. */
  url: string;
  port: number;
  signIn: 'dev' | 'x';
  close(): Promise<void>;
}

/** One HTTP server carrying `/healthz`, the `/ws` ring protocol and the `/peerjs` PeerServer. */
export async function startServer(
  config: ServerConfig,
  { log: sink = pinoLog(), fetchUser = fetchXUser }: { log?: Log; fetchUser?: FetchXUser } = {},
): Promise<RunningServer> {
  const log = throttled(sink);
  const presence = new InProcessPresence();
  const minted = new MintedPeers();
  const auth: Authenticator = { mode: config.auth, sessions: new SessionStore(config.sessionTtlMs), accounts: new FileAccountStore(config.dataDir) };
  const turn = config.turn;
  const router = new CallRouter(presence, minted, config, log, (device) =>
    turn && device.userId ? [turnCredentials(turn, device.userId)] : [],
  );
  const presenceQueries = new PresenceQueries(presence);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  if (config.x) {
    app.use('/auth/x', signInRoutes(new SignIn(config.x, auth.accounts, auth.sessions, fetchUser, log), { allowedOrigins: config.extensionOrigins, perMinute: config.signInRequestsPerMinute }, log));
  }

  const peer = createPeerGate(httpServer, minted, log);
  app.use('/peerjs', peer.app);
  peer.app.on('connection', (client) => {
    try {
      router.peerConnected(client.getId());
    } catch (error) {
      log.error(`peer connection handler failed: ${describeFailure(error)}`);
    }
  });

  const ringWss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  // ws cannot share one http server between two WebSocketServers by `server:`, so every upgrade comes here.
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number) => refuseUpgrade(socket, status, log);
    try {
      const path = new URL(req.url ?? '', 'http://upgrade').pathname;
      if (path === '/ws') {
        ringWss.handleUpgrade(req, socket, head, (ws) =>
          startSession(ws, req.socket.remoteAddress ?? 'unknown', { presence, router, limits: config, log, auth, presenceQueries }),
        );
      } else if (path === '/peerjs/peerjs') {
        if (!peer.upgrade(req, socket, head)) refuse(403);
      } else {
        refuse(404);
      }
    } catch (error) {
      log.error(`upgrade failed: ${describeFailure(error)}`, { source: req.socket.remoteAddress });
      refuse(500);
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

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    signIn: config.auth,
    close: async () => {
      router.shutdown();
      for (const wss of [ringWss, peer.wss]) {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
      }
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
    },
  };
}

function refuseUpgrade(socket: Duplex, status: number, log: Log): void {
  // The http server no longer watches an upgrade's socket: an unheard reset would throw.
  socket.on('error', (error) => log.warn(`refused upgrade socket error: ${error.message}`));
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
