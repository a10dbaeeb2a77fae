import * as v from 'valibot';
import type { XAppConfig } from '../config';
import type { XUser } from './accounts';

/** X refused or broke the exchange: the message is for the log, never for the user. */
export class XRefused extends Error {}

const TokenResponse = v.object({ access_token: v.pipe(v.string(), v.minLength(1)), token_type: v.string() });
const UsersMe = v.object({
  data: v.object({
    id: v.pipe(v.string(), v.regex(/^\d{1,20}$/)),
    username: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,15}$/)),
    name: v.pipe(v.string(), v.maxLength(100)),
    profile_image_url: v.optional(v.string()),
  }),
});

const TIMEOUT_MS = 10_000;

/** The two calls to X a sign-in makes: the token endpoint, then `users/me` once. */
export async function fetchXUser(app: XAppConfig, code: string, codeVerifier: string, redirectUri: string): Promise<XUser> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier });
  if (app.clientSecret) {
    const basic = `${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  } else {
    form.set('client_id', app.clientId);
  }
  const token = v.safeParse(TokenResponse, await call(app.tokenUrl, { method: 'POST', headers, body: form }));
  if (!token.success || token.output.token_type.toLowerCase() !== 'bearer') throw new XRefused('token endpoint answered without a bearer token');

  const me = new URL(`${app.apiUrl}/2/users/me`);
  me.searchParams.set('user.fields', 'profile_image_url');
  const user = v.safeParse(UsersMe, await call(me.href, { headers: { authorization: `Bearer ${token.output.access_token}` } }));
  if (!user.success) throw new XRefused(`users/me answered something else: ${v.summarize(user.issues)}`);
  const { id, username, name, profile_image_url } = user.output.data;
  return { id, username, name, profileImageUrl: profile_image_url };
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new XRefused(`${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new XRefused(`${new URL(url).pathname} answered something other than JSON`);
  }
}
