import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { devicePublicKey } from '@/lib/auth/device-key';
import { makePkce } from '@/lib/auth/pkce';
import { readRedirect } from '@/lib/auth/redirect';
import { SERVER_URL } from '@/lib/config/server-url';
import type { SignInResult } from '@/lib/messages/runtime-messages';
import { BeginResponse, SignedIn, SignInError } from '@/lib/protocol/sign-in';
import { xSession } from '@/lib/storage/items';

/**
 * Sign in with X from the background: the PKCE verifier and the state never leave it except to our server,
 * X's page opens through identity.launchWebAuthFlow, and the session lands in session storage.
 */
export async function signInWithX(): Promise<SignInResult> {
  try {
    const redirectUri = browser.identity.getRedirectURL();
    const { verifier, challenge } = await makePkce();
    const begun = v.parse(BeginResponse, await post('/auth/x/begin', { devicePublicKey: await devicePublicKey(), codeChallenge: challenge, redirectUri }));
    let redirectedTo: string | undefined;
    try {
      redirectedTo = await browser.identity.launchWebAuthFlow({ url: begun.authorizeUrl, interactive: true });
    } catch {
      return { ok: false, error: i18n.t('signInCancelled') };
    }
    const back = readRedirect(redirectedTo, redirectUri, begun.state);
    if (!back.ok) return { ok: false, error: i18n.t(back.reason === 'denied' ? 'signInDenied' : 'signInBadRedirect') };
    const signedIn = v.parse(SignedIn, await post('/auth/x/exchange', { state: begun.state, code: back.code, codeVerifier: verifier }));
    await xSession.setValue({ sessionId: signedIn.sessionId, expiresAt: signedIn.expiresAt, handle: signedIn.self.handle });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof ServerSaid ? error.message : i18n.t('signInFailed') };
  }
}

/** The server's own words when it refuses (they are written for people). */
class ServerSaid extends Error {}

async function post(path: string, body: unknown): Promise<unknown> {
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
