import { signLogin } from '@/lib/auth/device-key';
import type { SelfInfo } from '@/lib/messages/self-port';
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '@/lib/protocol/wire';
import { devIdentity, devSignedOut, serverSignIn, welcomedAs, xSession } from '@/lib/storage/items';

/**
 * Who this device is, read from storage every time (a restarted worker remembers nothing): the Sign in with X
 * session when there is one, else the account x.com shows (development sign-in) unless the person signed out.
 */
export async function helloFor(nonce: string): Promise<ClientMessage | null> {
  const session = await xSession.getValue();
  if (session) {
    const signature = await signLogin(nonce, session.sessionId);
    return { type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'session', sessionId: session.sessionId, signature } };
  }
  const handle = await devHandle();
  return handle ? { type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'dev', handle } } : null;
}

async function devHandle(): Promise<string | null> {
  return (await devSignedOut.getValue()) ? null : devIdentity.getValue();
}

export async function readSelf(connected: boolean): Promise<SelfInfo> {
  const [session, welcomed, signIn, seenOnX] = await Promise.all([xSession.getValue(), welcomedAs.getValue(), serverSignIn.getValue(), devIdentity.getValue()]);
  const handle = session ? session.handle : await devHandle();
  // The picture and name belong to whoever the server welcomed; a different account since shows none.
  const profile = welcomed && welcomed.handle === handle ? { ...(welcomed.name && { name: welcomed.name }), ...(welcomed.avatarUrl && { avatarUrl: welcomed.avatarUrl }) } : {};
  return { handle, verified: !!session, connected, ...profile, signIn, devHandle: seenOnX };
}

/** The welcome says who the server took this device for, and how it signs people in: the popup shows both. */
export async function rememberWelcome(welcome: Extract<ServerMessage, { type: 'welcome' }>): Promise<void> {
  const { handle, name, avatarUrl } = welcome.self;
  await welcomedAs.setValue({ handle, ...(name && { name }), ...(avatarUrl && { avatarUrl }) });
  if (welcome.signIn) await serverSignIn.setValue(welcome.signIn);
}

/** The server's challenge says how it signs people in, before anyone is: the popup offers only what works. */
export async function rememberSignInMode(mode: 'dev' | 'x'): Promise<void> {
  if ((await serverSignIn.getValue()) !== mode) await serverSignIn.setValue(mode);
}

/**
 * Told to the server when it can hear it (it ends the session there); forgotten here either way. The account
 * x.com shows is not used again until the person signs in from the popup.
 */
export async function signOut(send: (message: ClientMessage) => boolean, everywhere: boolean): Promise<void> {
  send({ type: 'sign-out', everywhere });
  await devSignedOut.setValue(true);
  await xSession.setValue(null);
}

/** Development sign-in again, as the account x.com shows. */
export async function devSignIn(): Promise<void> {
  await devSignedOut.setValue(false);
}
