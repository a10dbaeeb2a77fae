import * as v from 'valibot';
import { DevicePublicKey, SessionId } from './login-proof';

/**
 * The HTTP half of "Sign in with X", between the background and the server. `begin` registers the
 * device key and the PKCE challenge and gets back the authorize URL with a server-minted `state`;
 * `exchange` returns with what X redirected to. Both are strict: unknown fields are refused.
 */
export const State = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));
/** RFC 7636: 43-128 characters of the unreserved set. */
export const CodeVerifier = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._~-]{43,128}$/));
export const CodeChallenge = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

export const BeginRequest = v.strictObject({
  devicePublicKey: v.strictObject(DevicePublicKey.entries),
  codeChallenge: CodeChallenge,
  // HTTPS, or plain HTTP to this machine's own server (X allows loopback callbacks for development).
  redirectUri: v.pipe(v.string(), v.url(), v.regex(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/)/), v.maxLength(200)),
});
export type BeginRequest = v.InferOutput<typeof BeginRequest>;

export const BeginResponse = v.object({ authorizeUrl: v.pipe(v.string(), v.url()), state: State });
export type BeginResponse = v.InferOutput<typeof BeginResponse>;

export const ExchangeRequest = v.strictObject({
  state: State,
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  codeVerifier: CodeVerifier,
});
export type ExchangeRequest = v.InferOutput<typeof ExchangeRequest>;

export const SignedIn = v.object({
  sessionId: SessionId,
  expiresAt: v.number(),
  self: v.object({ handle: v.string(), name: v.string() }),
});
export type SignedIn = v.InferOutput<typeof SignedIn>;

export const SignInError = v.object({ error: v.string() });
