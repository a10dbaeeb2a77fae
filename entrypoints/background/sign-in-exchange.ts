import * as v from 'valibot';
import { i18n } from '#i18n';
import { readRedirect } from '@/lib/auth/redirect';
import { SERVER_URL } from '@/lib/config/server-url';
import type { SignInResult } from '@/lib/messages/runtime-messages';
import { SignedIn, SignInError } from '@/lib/protocol/sign-in';
import { xSession } from '@/lib/storage/items';

/** What a sign-in keeps between asking X and hearing back: never leaves the background except to our server. */
export interface StartedSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
}

/** X's answer (the address it redirected to, or nothing when the person gave up) turned into a session. */
export async function finishSignIn(redirectedTo: string | undefined, started: StartedSignIn): Promise<SignInResult> {
  if (redirectedTo === undefined) return { ok: false, error: i18n.t('signInCancelled') };
  try {
    const back = readRedirect(redirectedTo, started.redirectUri, started.state);
    if (!back.ok) return { ok: false, error: i18n.t(back.reason === 'denied' ? 'signInDenied' : 'signInBadRedirect') };
    const signedIn = v.parse(SignedIn, await postToServer('/auth/x/exchange', { state: started.state, code: back.code, codeVerifier: started.verifier }));
    await xSession.setValue({ sessionId: signedIn.sessionId, expiresAt: signedIn.expiresAt, handle: signedIn.self.handle });
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}

export function failed(error: unknown): SignInResult {
  return { ok: false, error: error instanceof ServerSaid ? error.message : i18n.t('signInFailed') };
}

/** The server's own words when it refuses (they are written for people). */
class ServerSaid extends Error {}

export async function postToServer(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(new URL(path, SERVER_URL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return json;
  const said = v.safeParse(SignInError, json);
  throw new ServerSaid(said.success ? said.output.error : i18n.t('signInUnavailable'));
}
