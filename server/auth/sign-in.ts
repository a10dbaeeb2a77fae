import { createHash, randomBytes } from 'node:crypto';
import type { DevicePublicKey } from '../../lib/protocol/login-proof';
import type { BeginRequest, BeginResponse, ExchangeRequest, SignedIn } from '../../lib/protocol/sign-in';
import type { XAppConfig } from '../config';
import type { ShortLivedRecords } from '../cluster/short-lived';
import type { Log } from '../log';
import type { AccountStore, XUser } from './accounts';
import { onP256 } from './p256';
import { PendingSignIns } from './pending-sign-ins';
import type { SessionStore } from './sessions';

/** Long enough for a person to read X's consent page, short enough that a stale state is worthless. */
const STATE_TTL_MS = 10 * 60_000;
const SCOPES = 'users.read tweet.read';

interface Pending {
  devicePublicKey: DevicePublicKey;
  codeChallenge: string;
  redirectUri: string;
}

/** A sign-in refused: `message` is what the person is told. */
export class SignInRefused extends Error {
  constructor(message: string, readonly detail: string) {
    super(message);
  }
}

export type FetchXUser = (app: XAppConfig, code: string, codeVerifier: string, redirectUri: string) => Promise<XUser>;

/**
 * Sign in with X, server side. The server mints `state` and keeps the PKCE challenge, so a callback with a
 * state it never issued, one already used, or a verifier that does not match is refused before X is asked.
 */
export class SignIn {
  private readonly pending: PendingSignIns<Pending>;

  constructor(
    private readonly app: XAppConfig,
    private readonly accounts: AccountStore,
    private readonly sessions: SessionStore,
    private readonly fetchUser: FetchXUser,
    private readonly log: Log,
    { records, pendingPerAddress = 20 }: { records: ShortLivedRecords; pendingPerAddress?: number },
  ) {
    this.pending = new PendingSignIns(records, 'sign-in', { perAddress: pendingPerAddress, ttlMs: STATE_TTL_MS });
  }

  /** `address` is the client's, for its quota of pending sign-ins. */
  async begin(request: BeginRequest, address: string): Promise<BeginResponse> {
    if (!onP256(request.devicePublicKey.x, request.devicePublicKey.y)) throw new SignInRefused('That device key is not valid. Please sign in again.', 'device key is not a P-256 point');
    const state = randomBytes(32).toString('base64url');
    const pending: Pending = { devicePublicKey: request.devicePublicKey, codeChallenge: request.codeChallenge, redirectUri: request.redirectUri };
    await this.pending.add(state, pending, address);
    const url = new URL(this.app.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.app.clientId,
      redirect_uri: request.redirectUri,
      scope: SCOPES,
      state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return { authorizeUrl: url.href, state };
  }

  async exchange({ state, code, codeVerifier }: ExchangeRequest): Promise<SignedIn> {
    // Single use whatever happens next, on whichever node: a state is never worth a second try.
    const pending = await this.pending.take(state);
    if (!pending) {
      throw new SignInRefused('That sign-in was not started here or has expired. Please sign in again.', 'unknown or expired state');
    }
    if (createHash('sha256').update(codeVerifier).digest('base64url') !== pending.codeChallenge) {
      throw new SignInRefused('That sign-in could not be verified. Please sign in again.', 'PKCE verifier does not match the challenge');
    }
    const user = await this.fetchUser(this.app, code, codeVerifier, pending.redirectUri);
    const { account, displaced } = await this.accounts.signedIn(user);
    for (const other of displaced) {
      this.log.info(`X user ${user.id} is now @${account.handle}; X user ${other.userId} lost that handle and must sign in again`, { account: user.id });
      await this.sessions.revokeUser(other.userId, 'handle taken');
    }
    const session = await this.sessions.create(account.userId, pending.devicePublicKey);
    return { sessionId: session.id, expiresAt: session.expiresAt, self: { handle: account.handle!, name: account.name } };
  }
}

