import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { CallRouter } from '../calls';
import type { ServerConfig } from '../config';
import { describeFailure, type Log } from '../log';
import type { Schema } from '../storage/schema';
import { GuestAdmission } from './guest-admission';
import { startGuestSession } from './guest-session';
import { LinkStore } from './link-store';
import { OwnerLinks } from './owner-links';
import { guestPageRoutes } from './routes';

const SWEEP_MS = 3600_000;

/** Call links as a whole, for app.ts: the owners' requests, the guests' sockets, the page, the sweep. */
export function startCallLinks(db: Kysely<Schema>, config: ServerConfig, router: CallRouter, log: Log) {
  const store = new LinkStore(db, config.callLinkTtlMs);
  const admission = new GuestAdmission(store, config);
  const sweep = setInterval(() => void store.sweep().catch((error: unknown) => log.error(`call link sweep failed: ${describeFailure(error)}`)), SWEEP_MS);
  sweep.unref();
  return {
    owners: new OwnerLinks(store, log),
    routes: guestPageRoutes(config.guestPageDir),
    guest: (socket: WebSocket, address: string) => startGuestSession(socket, address, { admission, router, limits: config, log }),
    stop: () => clearInterval(sweep),
  };
}
