import * as v from 'valibot';
import { devicePublicKey } from '@/lib/auth/device-key';
import { makePkce } from '@/lib/auth/pkce';
import type { SignInResult } from '@/lib/messages/runtime-messages';
import { BeginResponse } from '@/lib/protocol/sign-in';
import { optional } from './capabilities';
import { failed, finishSignIn, postToServer, type StartedSignIn } from './sign-in-exchange';
import { authorizeInTab, tabRedirectUri } from './sign-in-tab';

/**
 * Sign in with X from the background: the PKCE verifier and the state never leave it except to our server.
 * X's page opens through identity.launchWebAuthFlow, or where a browser has none (Safari) in a tab whose
 * redirect to the server's own page the background reads (sign-in-tab.ts).
 */
export async function signInWithX(): Promise<SignInResult> {
  try {
    const identity = optional.identity;
    const redirectUri = identity ? identity.getRedirectURL() : tabRedirectUri();
    const { verifier, challenge } = await makePkce();
    const begun = v.parse(BeginResponse, await postToServer('/auth/x/begin', { devicePublicKey: await devicePublicKey(), codeChallenge: challenge, redirectUri }));
    const started: StartedSignIn = { state: begun.state, verifier, redirectUri };
    if (!identity) return await authorizeInTab(begun.authorizeUrl, started);
    const redirectedTo = await identity.launchWebAuthFlow({ url: begun.authorizeUrl, interactive: true }).catch(() => undefined);
    return await finishSignIn(redirectedTo, started);
  } catch (error) {
    return failed(error);
  }
}

/** Whether this browser signs in through a tab, whose events the background must then listen to. */
export const signsInThroughTab = () => !optional.identity;
