import { signLogin } from '@/lib/auth/device-key';
import type { SelfInfo } from '@/lib/messages/self-port';
import { PROTOCOL_VERSION, type ClientMessage } from '@/lib/protocol/wire';
import { devIdentity, xSession } from '@/lib/storage/items';

/**
 * Who this device is, read from storage every time (a restarted worker remembers nothing): the Sign in with X
 * session when there is one, else the account x.com shows (development sign-in).
 */
export async function helloFor(nonce: string): Promise<ClientMessage | null> {
  const session = await xSession.getValue();
  if (session) {
    const signature = await signLogin(nonce, session.sessionId);
    return { type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'session', sessionId: session.sessionId, signature } };
  }
  const handle = await devIdentity.getValue();
  return handle ? { type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'dev', handle } } : null;
}

export async function readSelf(connected: boolean): Promise<SelfInfo> {
  const session = await xSession.getValue();
  if (session) return { handle: session.handle, verified: true, connected };
  return { handle: await devIdentity.getValue(), verified: false, connected };
}

/** Told to the server when it can hear it (it ends the session there); forgotten here either way. */
export async function signOut(send: (message: ClientMessage) => boolean, everywhere: boolean): Promise<void> {
  send({ type: 'sign-out', everywhere });
  await xSession.setValue(null);
}
