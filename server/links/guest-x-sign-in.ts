import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ShortLivedRecords } from '../cluster/short-lived';
import type { XAppConfig } from '../config';
import type { XUser } from '../auth/accounts';
import type { FetchXUser } from '../auth/sign-in';
import { PendingSignIns } from '../auth/pending-sign-ins';
import { XRefused } from '../auth/x-client';
import { describeFailure, type Log } from '../log';

/** The cookie that says who a guest proved to be; the only cookie the guest page ever gets. */
export const GUEST_COOKIE = 'ringside_guest';
/** Long enough to sign in, come back and take the call; a guest is someone for one call. */
const IDENTITY_TTL_MS = 3600_000;
const STATE_TTL_MS = 10 * 60_000;
const PENDING_PER_ADDRESS = 20;
const SCOPES = 'users.read tweet.read';

interface Pending {
  /** The link to go back to: kept here, so it never travels in a URL X or a log could keep. */
  token: string;
  verifier: string;
  redirectUri: string;
}

/**
 * Sign in with X for a call link's guest, on the guest page itself (a web page: the server keeps the PKCE
 * verifier and exchanges the code). It proves who the guest is, so the owner sees a verified name and a
 * person the owner blocked is refused. The proof is a random cookie naming an X user for an hour, in the
 * cluster's short-lived records, so the page may talk to any node; the guest has no account and no session.
 */
export class GuestXSignIn {
  private readonly pending: PendingSignIns<Pending>;

  constructor(
    private readonly app: XAppConfig,
    private readonly fetchUser: FetchXUser,
    private readonly records: ShortLivedRecords,
    private readonly log: Log,
  ) {
    this.pending = new PendingSignIns(records, 'guest-sign-in', { perAddress: PENDING_PER_ADDRESS, ttlMs: STATE_TTL_MS });
  }

  /** X's authorize URL for a guest of the link `token`, coming back to `<base>x/done`. */
  async begin(token: string, base: string, address: string): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = new URL('x/done', base).href;
    await this.pending.add(state, { token, verifier, redirectUri }, address);
    const url = new URL(this.app.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.app.clientId,
      redirect_uri: redirectUri,
      scope: SCOPES,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.href;
  }

  /** Who the request's cookie says the guest proved to be, if anyone. */
  async identityOf(cookieHeader: string | undefined): Promise<XUser | undefined> {
    const value = cookieHeader
      ?.split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === GUEST_COOKIE)?.[1];
    // Ours is 32 base64url characters: anything else was never set here, and is never looked up.
    if (!value || !/^[\w-]{32}$/.test(value)) return undefined;
    const found = await this.records.get(identityKey(value));
    return found === undefined ? undefined : (JSON.parse(found) as XUser);
  }

  /** `<base>x/done`: X sent the guest back. Signed in or not, they go back to the link's page. */
  readonly done = async (req: Request, res: Response): Promise<void> => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    const pending = await this.pending.take(state);
    if (!pending) {
      res.status(400).type('text/plain').send('This sign-in has expired. Open the call link again.');
      return;
    }
    // Relative: the link's page is beside this one, whatever path a proxy serves them under.
    const back = `../${pending.token}`;
    try {
      if (!code) throw new XRefused('X sent no code back');
      const user = await this.fetchUser(this.app, code, pending.verifier, pending.redirectUri);
      const value = randomBytes(24).toString('base64url');
      await this.records.put(identityKey(value), JSON.stringify(user), IDENTITY_TTL_MS);
      const secure = pending.redirectUri.startsWith('https:') ? '; Secure' : '';
      const path = new URL('.', pending.redirectUri).pathname.replace(/x\/$/, '');
      res.set('Set-Cookie', `${GUEST_COOKIE}=${value}; Path=${path}; Max-Age=${IDENTITY_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure}`);
      res.redirect(303, back);
    } catch (error) {
      this.log.warn(`guest sign-in with X failed: ${describeFailure(error)}`);
      res.redirect(303, `${back}#x-failed`);
    }
  };
}

function identityKey(cookieValue: string): string {
  return `guest-x:${cookieValue}`;
}
