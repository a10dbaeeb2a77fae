import { CLOSE_SIGNED_OUT as SIGNED_OUT, CLOSE_POLICY as POLICY } from '../../lib/protocol/close-codes';
import type { ClientMessage } from '../../lib/protocol/wire';
import type { AccountStore } from './accounts';
import { verifyLoginProof } from './device-proof';
import type { SessionStore } from './sessions';

/** Close code telling the extension its session is gone: forget it and show "signed out". */
export { SIGNED_OUT };

type Hello = Extract<ClientMessage, { type: 'hello' }>;

export interface Identity {
  handle: string;
  verified: boolean;
  userId?: string;
  sessionId?: string;
  name?: string;
  avatarUrl?: string;
}

export type HelloOutcome = { ok: true; identity: Identity } | { ok: false; code: number; reason: string; detail: string };

export interface Authenticator {
  mode: 'dev' | 'x';
  sessions: SessionStore;
  accounts: AccountStore;
}

/** Who a hello proves its socket belongs to; the nonce is this socket's and is never accepted twice. */
export async function authenticate(auth: Authenticator, hello: Hello, nonce: string): Promise<HelloOutcome> {
  const claim = hello.auth;
  if (claim.kind === 'dev') {
    if (auth.mode !== 'dev') return { ok: false, code: SIGNED_OUT, reason: 'sign in with X', detail: `claimed @${claim.handle} without a session` };
    return { ok: true, identity: { handle: claim.handle, verified: false } };
  }
  const session = await auth.sessions.get(claim.sessionId);
  if (!session) return { ok: false, code: SIGNED_OUT, reason: 'signed out', detail: 'unknown, expired or revoked session' };
  if (!verifyLoginProof(session.devicePublicKey, nonce, session.id, claim.signature)) {
    return { ok: false, code: POLICY, reason: 'login proof refused', detail: `signature for X user ${session.userId} does not verify` };
  }
  const account = await auth.accounts.get(session.userId);
  const handle = account?.handle;
  if (!handle) return { ok: false, code: SIGNED_OUT, reason: 'signed out', detail: `X user ${session.userId} has no handle until it signs in again` };
  const profile = { name: account.name, ...(account.profileImageUrl ? { avatarUrl: account.profileImageUrl } : {}) };
  return { ok: true, identity: { handle, verified: true, userId: session.userId, sessionId: session.id, ...profile } };
}
