import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { befriend, Client, connectPeer } from './client';
import { authorize, connectSession, newDevice, post, signIn, signLogin, xServer, type XServer } from './sign-in-client';

/**
 * Every door the server keeps shut: each attempt is refused, leaves a line in the log, and changes nothing
 * (no session, no account, no ring, no code spent at X).
 */
let standIn: XStandIn;
let server: XServer;
let shortLived: XServer;
beforeAll(async () => {
  standIn = await startXStandIn();
  server = await xServer(standIn);
  shortLived = await xServer(standIn, { sessionIdleMs: 1000 });
});
afterAll(async () => {
  await Promise.all([server.close(), shortLived.close()]);
  await standIn.close();
});

let counter = 0;
function xAccount(username: string) {
  const id = String(2_000_000 + ++counter);
  const handle = `${username}${counter}`;
  standIn.setUser({ id, username: handle, name: handle });
  return { id, handle, cookie: standIn.logIn(id) };
}

/** A signed-in, welcomed socket for a fresh X account. */
async function online(name: string, on: XServer = server) {
  const account = xAccount(name);
  const device = await newDevice();
  const { sessionId } = await signIn(on, standIn, device, account.cookie);
  const client = await Client.signInWith(connectSession(on, sessionId, device));
  return { ...account, device, sessionId, client };
}

const logged = (on: XServer, pattern: RegExp) => on.lines.some((line) => pattern.test(line));

/**
 * Proves an account has no device online: it lets everyone call it (from a device of its own, closed
 * again), and then a ring to it answers unavailable, where an online device would ring or need a relay.
 */
async function isOffline(account: { handle: string; cookie: string }) {
  const device = await newDevice();
  const own = await Client.signInWith(connectSession(server, (await signIn(server, standIn, device, account.cookie)).sessionId, device));
  own.send({ type: 'settings.set', settings: { whoCanCall: 'everyone' } });
  await own.until('reach', (reach) => reach.settings.whoCanCall === 'everyone');
  await own.close();
  const prober = await online('probe');
  const callId = prober.client.ring(account.handle);
  const ended = await prober.client.next('ended');
  await prober.client.close();
  return ended.callId === callId && ended.reason === 'unavailable';
}

describe('sign-in doors', () => {
  it('refuses a missing or wrong state before X is asked', async () => {
    const ann = xAccount('ann');
    const device = await newDevice();
    const { code, verifier } = await authorize(server, standIn, device, ann.cookie);
    const tokenCalls = standIn.calls.token;
    const missing = await post(server, '/auth/x/exchange', { code, codeVerifier: verifier });
    const wrong = await post(server, '/auth/x/exchange', { state: randomBytes(32).toString('base64url'), code, codeVerifier: verifier });
    expect([missing.status, wrong.status]).toEqual([400, 400]);
    expect(wrong.body).toEqual({ error: expect.stringMatching(/not started here or has expired/) });
    expect(logged(server, /exchange .* refused: unknown or expired state/)).toBe(true);
    expect(standIn.calls.token).toBe(tokenCalls);
  });

  it('refuses a state that was already used', async () => {
    const ben = xAccount('ben');
    const device = await newDevice();
    const { state, code, verifier } = await authorize(server, standIn, device, ben.cookie);
    expect((await post(server, '/auth/x/exchange', { state, code, codeVerifier: verifier })).status).toBe(200);
    expect((await post(server, '/auth/x/exchange', { state, code, codeVerifier: verifier })).status).toBe(400);
  });

  it('refuses a reused authorization code: X refuses it and no session comes of it', async () => {
    const cy = xAccount('cy');
    const device = await newDevice();
    const first = await authorize(server, standIn, device, cy.cookie);
    expect((await post(server, '/auth/x/exchange', { state: first.state, code: first.code, codeVerifier: first.verifier })).status).toBe(200);
    // A fresh state of the attacker's own, carrying the code already spent.
    const second = await authorize(server, standIn, device, cy.cookie);
    const reused = await post(server, '/auth/x/exchange', { state: second.state, code: first.code, codeVerifier: first.verifier });
    // The verifier is the first one's, so the server's own PKCE check stops it; with the second verifier X does.
    expect(reused.status).toBe(400);
    const third = await authorize(server, standIn, device, cy.cookie);
    const replay = await post(server, '/auth/x/exchange', { state: third.state, code: first.code, codeVerifier: third.verifier });
    expect(replay.status).toBe(502);
    expect(replay.body).not.toHaveProperty('sessionId');
    expect(logged(server, /exchange .* refused: .*token answered 400/)).toBe(true);
  });

  it('refuses a wrong PKCE verifier without spending the code at X', async () => {
    const dee = xAccount('dee');
    const device = await newDevice();
    const { state, code } = await authorize(server, standIn, device, dee.cookie);
    const tokenCalls = standIn.calls.token;
    const wrong = await post(server, '/auth/x/exchange', { state, code, codeVerifier: randomBytes(48).toString('base64url') });
    expect(wrong.status).toBe(400);
    expect(logged(server, /PKCE verifier does not match/)).toBe(true);
    expect(standIn.calls.token).toBe(tokenCalls);
    expect(await isOffline(dee)).toBe(true);
  });
});

describe('socket doors', () => {
  it('refuses a forged session', async () => {
    const device = await newDevice();
    const forged = await connectSession(server, randomBytes(32).toString('base64url'), device);
    expect(await forged.closed).toEqual({ code: 4001, reason: 'signed out' });
    expect(logged(server, /closed 4001: signed out unknown, expired or revoked session/)).toBe(true);
  });

  it('keeps a session in use alive past its idle time, and refuses it once unused that long', async () => {
    const eli = await online('eli', shortLived);
    // Three idle times with the socket open: a session in use slides instead of ending.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(eli.client.socket.readyState).toBe(eli.client.socket.OPEN);
    await eli.client.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const late = await connectSession(shortLived, eli.sessionId, eli.device);
    expect((await late.closed).code).toBe(4001);
    expect(logged(shortLived, /closed 4001: signed out unknown, expired or revoked session/)).toBe(true);
  });

  it('refuses a session presented by another device (a stolen session id)', async () => {
    const flo = xAccount('flo');
    const own = await newDevice();
    const { sessionId } = await signIn(server, standIn, own, flo.cookie);
    const thief = await connectSession(server, sessionId, await newDevice());
    expect(await thief.closed).toEqual({ code: 1008, reason: 'login proof refused' });
    expect(logged(server, new RegExp(`signature for X user ${flo.id} does not verify`))).toBe(true);
    expect(await isOffline(flo)).toBe(true);
  });

  it('refuses a replayed login signature', async () => {
    const gil = xAccount('gil');
    const device = await newDevice();
    const { sessionId } = await signIn(server, standIn, device, gil.cookie);
    const first = await Client.open(server.wsUrl);
    const signature = await signLogin(device, await first.nonce, sessionId);
    first.send({ type: 'hello', v: 1, auth: { kind: 'session', sessionId, signature } });
    await first.next('welcome');
    await first.close();

    const replay = await Client.open(server.wsUrl);
    replay.send({ type: 'hello', v: 1, auth: { kind: 'session', sessionId, signature } });
    expect((await replay.closed).reason).toBe('login proof refused');
    expect(await isOffline(gil)).toBe(true);
  });

  it('refuses any message claiming a handle or a user id', async () => {
    const victim = await online('victim');
    const liar = xAccount('liar');
    const device = await newDevice();
    const { sessionId } = await signIn(server, standIn, device, liar.cookie);

    const withHandle = await Client.open(server.wsUrl);
    const signature = await signLogin(device, await withHandle.nonce, sessionId);
    withHandle.send({ type: 'hello', v: 1, auth: { kind: 'session', sessionId, signature, handle: victim.handle } });
    expect((await withHandle.closed).reason).toBe('malformed message');

    const dev = await Client.open(server.wsUrl);
    dev.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle: victim.handle } });
    expect((await dev.closed).reason).toBe('sign in with X');
    expect(logged(server, new RegExp(`claimed @${victim.handle} without a session`))).toBe(true);

    const signedIn = await Client.signInWith(connectSession(server, sessionId, device));
    expect(signedIn.handle).toBe(liar.handle);
    signedIn.send({ type: 'ring', callId: crypto.randomUUID(), to: 'anyone', media: 'audio', from: victim.handle });
    expect((await signedIn.closed).reason).toBe('malformed message');
    const userIdClaim = await Client.signInWith(connectSession(server, sessionId, device));
    userIdClaim.send({ type: 'sign-out', everywhere: true, userId: victim.id });
    expect((await userIdClaim.closed).reason).toBe('malformed message');
    // The victim was neither rung nor signed out.
    expect(victim.client.received).toEqual([]);
    expect(victim.client.socket.readyState).toBe(victim.client.socket.OPEN);
    await victim.client.close();
  });

  it('refuses a PeerJS id not minted for this user’s live call, or minted for someone else', async () => {
    const [caller, callee, stranger] = [await online('kim'), await online('lou'), await online('max')];
    await befriend(caller.client, callee.client);
    const callId = caller.client.ring(callee.handle);
    await callee.client.next('ring');
    callee.client.send({ type: 'accept', callId, media: 'video' });
    const answered = await callee.client.next('answered');

    // The caller knows none of the callee's credentials yet; a made-up id and a stranger's guesses fail alike.
    expect(await connectPeer(server.wsUrl, randomBytes(16).toString('hex'), answered.peerToken)).toEqual({ refused: 403 });
    expect(await connectPeer(server.wsUrl, answered.peerId, randomBytes(16).toString('hex'))).toEqual({ refused: 403 });
    const calleePeer = await connectPeer(server.wsUrl, answered.peerId, answered.peerToken);
    expect(calleePeer).toHaveProperty('opened');
    const accepted = await caller.client.next('accepted');
    // The caller learns the callee's id but may only connect as its own minted id.
    expect(await connectPeer(server.wsUrl, accepted.remotePeerId, accepted.peerToken)).toEqual({ refused: 403 });
    expect(await connectPeer(server.wsUrl, accepted.peerId, answered.peerToken)).toEqual({ refused: 403 });
    expect(logged(server, new RegExp(`/peerjs refused id "${accepted.remotePeerId}"`))).toBe(true);
    expect(stranger.client.received).toEqual([]);
    if ('opened' in calleePeer) calleePeer.opened.close();
    await Promise.all([caller.client.close(), callee.client.close(), stranger.client.close()]);
  });

  it('refuses a ring from a signed-out socket', async () => {
    const callee = await online('ned');
    const before = await Client.open(server.wsUrl);
    before.ring(callee.handle);
    expect((await before.closed).reason).toBe('hello first');
    expect(logged(server, /closed 1008: hello first \(ring\)/)).toBe(true);

    const quitter = await online('oz');
    quitter.client.send({ type: 'sign-out', everywhere: false });
    quitter.client.ring(callee.handle);
    expect((await quitter.client.closed).code).toBe(4001);
    const revoked = await connectSession(server, quitter.sessionId, quitter.device);
    revoked.ring(callee.handle);
    expect((await revoked.closed).code).toBe(4001);
    expect(callee.client.received).toEqual([]);
    await callee.client.close();
  });
});

describe('sign-in limits', () => {
  it('refuses an address that floods sign-in, in words, and logs it', async () => {
    const limited = await xServer(standIn, { signInRequestsPerMinute: 2 });
    try {
      const device = await newDevice();
      const body = { devicePublicKey: device.publicKey, codeChallenge: 'a'.repeat(43), redirectUri: 'https://x.chromiumapp.org/' };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post(limited, '/auth/x/begin', body)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect(limited.lines.some((l) => l.includes('over the per-address limit'))).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('the page a tab sign-in lands on (browsers without an identity API)', () => {
  it('says in the reader’s language that the tab closes itself, and runs, loads and caches nothing', async () => {
    const url = `${server.url}/auth/x/done?state=s&code=c`;
    const [english, french] = await Promise.all([fetch(url), fetch(url, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })]);
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('This tab closes by itself');
    expect(await french.text()).toContain('Cet onglet se ferme tout seul');
    expect(english.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(english.headers.get('cache-control')).toBe('no-store');
    expect(english.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('accepts HTTPS and this machine’s own HTTP as redirects, and no other HTTP', async () => {
    const device = await newDevice();
    const begin = (redirectUri: string) => post(server, '/auth/x/begin', { devicePublicKey: device.publicKey, codeChallenge: 'a'.repeat(43), redirectUri });
    const statuses = [];
    for (const uri of ['https://ringside.example/auth/x/done', 'http://127.0.0.1:8787/auth/x/done', 'http://evil.example/auth/x/done', 'http://127.0.0.1.evil.example/x']) {
      statuses.push((await begin(uri)).status);
    }
    expect(statuses).toEqual([200, 200, 400, 400]);
  });
});
