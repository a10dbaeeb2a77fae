import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import * as v from 'valibot';
import { loginProofText, toBase64Url } from '../../lib/protocol/login-proof';
import { BeginResponse, SignedIn } from '../../lib/protocol/sign-in';
import { startServer } from '../../server/app';
import { collectLog } from '../../server/log';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { Client } from './client';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
export const REDIRECT_URI = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/** A real server in Sign in with X mode, pointed at the stand-in; `lines` collects its log. */
export async function xServer(standIn: XStandIn, overrides: Partial<ServerConfig> = {}) {
  const lines: string[] = [];
  // Every test signs in from 127.0.0.1: the per-address limit gets its own test.
  const config = { ...loadConfig({ PORT: '0', ...standIn.env }), signInRequestsPerMinute: 10_000, ...overrides };
  const server = await startServer(config, { log: collectLog(lines) });
  return { ...server, lines, wsUrl: server.url.replace(/^http/, 'ws') };
}
export type XServer = Awaited<ReturnType<typeof xServer>>;

/** One browser install: a non-extractable P-256 key, as the extension makes it with the same WebCrypto API. */
export async function newDevice() {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return { keys, publicKey: { kty: kty!, crv: crv!, x: x!, y: y! } };
}
export type TestDevice = Awaited<ReturnType<typeof newDevice>>;

export async function signLogin(device: TestDevice, nonce: string, sessionId: string): Promise<string> {
  const data = new TextEncoder().encode(loginProofText(nonce, sessionId));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.keys.privateKey, data);
  return toBase64Url(new Uint8Array(signature));
}

export async function post(server: XServer, path: string, body: unknown, origin: string | null = EXTENSION_ORIGIN) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin) headers.origin = origin;
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

export function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The authorize half: begin, then X's authorize page as the logged-in browser. */
export async function authorize(server: XServer, standIn: XStandIn, device: TestDevice, cookie: string) {
  const { verifier, challenge } = pkce();
  const begun = await post(server, '/auth/x/begin', { devicePublicKey: device.publicKey, codeChallenge: challenge, redirectUri: REDIRECT_URI });
  const { authorizeUrl, state } = v.parse(BeginResponse, begun.body);
  const back = await standIn.authorizeAs(authorizeUrl, cookie);
  return { state, code: back.searchParams.get('code')!, returnedState: back.searchParams.get('state'), verifier };
}

/** The whole sign-in as the extension does it. */
export async function signIn(server: XServer, standIn: XStandIn, device: TestDevice, cookie: string): Promise<SignedIn> {
  const { state, code, verifier } = await authorize(server, standIn, device, cookie);
  const exchanged = await post(server, '/auth/x/exchange', { state, code, codeVerifier: verifier });
  if (exchanged.status !== 200) throw new Error(`exchange refused: ${JSON.stringify(exchanged.body)}`);
  return v.parse(SignedIn, exchanged.body);
}

/** Opens `/ws` and answers its challenge with this device's signature over the session. */
export async function connectSession(server: XServer, sessionId: string, device: TestDevice): Promise<Client> {
  const client = await Client.open(server.wsUrl);
  const nonce = await client.nonce;
  client.send({ type: 'hello', v: 1, auth: { kind: 'session', sessionId, signature: await signLogin(device, nonce, sessionId) } });
  return client;
}

/** The X account `id`, named `username` on X now, signed in on a new device and welcomed on its socket. */
export async function signedInAs(server: XServer, standIn: XStandIn, id: string, username: string): Promise<Client> {
  standIn.setUser({ id, username, name: username });
  const device = await newDevice();
  const { sessionId } = await signIn(server, standIn, device, standIn.logIn(id));
  return Client.signInWith(connectSession(server, sessionId, device));
}

/**
 * The stand-in for X and one X-mode server, started before a file's tests and stopped after them. Their
 * fields are there from the file's first test on.
 */
export function xWorld(overrides: Partial<ServerConfig> = {}): { readonly standIn: XStandIn; readonly server: XServer } {
  const world = {} as { standIn: XStandIn; server: XServer };
  beforeAll(async () => {
    world.standIn = await startXStandIn();
    world.server = await xServer(world.standIn, overrides);
  });
  afterAll(async () => {
    await world.server?.close();
    await world.standIn?.close();
  });
  return world;
}
