import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import type { CallRouter } from '../calls/router';
import type { ClusterState } from '../cluster/state';
import type { ServerConfig } from '../config';
import { describeFailure, type Log } from '../log';
import type { Schema } from '../storage/schema';
import { GuestAdmission } from './guest-admission';
import { startGuestSession } from './guest-session';
import { LinkStore } from './link-store';
import { OwnerLinks } from './owner-links';
import { guestPageRoutes } from './routes';
import { GuestXSignIn } from './guest-x-sign-in';
import type { FetchXUser } from '../auth/sign-in';
import type { XUser } from '../auth/accounts';
import { isListed } from '../reach/policy';
import type { ReachStore } from '../reach/store';

const SWEEP_MS = 3600_000;

/** Call links as a whole, for app.ts: the owners' requests, the guests' sockets, the page, the sweep. */
export function startCallLinks(db: Kysely<Schema>, config: ServerConfig, router: CallRouter, log: Log, deps: { reach: ReachStore; fetchUser: FetchXUser; cluster: Pick<ClusterState, 'records' | 'limits'> }) {
  const store = new LinkStore(db, config.callLinkTtlMs);
  const xSignIn = config.x ? new GuestXSignIn(config.x, deps.fetchUser, deps.cluster.records, log) : undefined;
  // The owner's policy is not asked (they made the link), but whom they blocked stays blocked.
  const blockedBy = async (owner: string, user: XUser) => {
    const { account } = await deps.reach.accountOfHandle(owner);
    return isListed((await deps.reach.record(account)).blocked, { handle: user.username.toLowerCase(), userId: user.id });
  };
  const admission = new GuestAdmission(store, config, deps.cluster.limits);
  const sweep = setInterval(() => void store.sweep().catch((error: unknown) => log.error(`call link sweep failed: ${describeFailure(error)}`)), SWEEP_MS);
  sweep.unref();
  return {
    owners: new OwnerLinks(store, deps.cluster.limits, log),
    routes: guestPageRoutes(config.guestPageDir, xSignIn?.done),
    guest: (socket: WebSocket, address: string, cookie: string | undefined) =>
      startGuestSession(socket, address, { admission, router, limits: config, log, x: xSignIn && { signIn: xSignIn, identity: xSignIn.identityOf(cookie), blockedBy } }),
    stop: () => clearInterval(sweep),
  };
}
