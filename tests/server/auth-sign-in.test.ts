import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { befriend, Client, testServer } from './client';
import { connectSession, newDevice, post, REDIRECT_URI, signIn, xWorld } from './sign-in-client';

const TURN = { secret: 'turn-test-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 };
const x = xWorld({ turn: TURN });

let counter = 0;
/** A fresh X account logged in to the stand-in; returns its cookie. */
function xAccount(username: string) {
  const id = String(1_000_000 + ++counter);
  x.standIn.setUser({ id, username: `${username}${counter}`, name: `${username} ${counter}` });
  return { id, username: `${username}${counter}`.toLowerCase(), cookie: x.standIn.logIn(id) };
}

describe('Sign in with X', () => {
  it('signs in through X, and the socket is the account X named, verified', async () => {
    const bob = xAccount('Bob');
    const device = await newDevice();
    const signedIn = await signIn(x.server, x.standIn, device, bob.cookie);
    expect(signedIn.self.handle).toBe(bob.username);
    const client = await connectSession(x.server, signedIn.sessionId, device);
    const welcome = await client.next('welcome');
    // The popup shows who you are as X does: name and picture come with the welcome.
    expect(welcome).toMatchObject({
      self: { handle: bob.username, verified: true, name: `Bob ${bob.username.slice('bob'.length)}`, avatarUrl: `https://pbs.twimg.com/profile_images/${bob.id}/normal.jpg` },
      signIn: 'x',
    });
    await client.close();
  });

  it('a ring names the caller as X showed them at sign-in: display name and picture', async () => {
    const [fay, gus] = [xAccount('Fay'), xAccount('gus')];
    const [fayDevice, gusDevice] = await Promise.all([newDevice(), newDevice()]);
    const gusSocket = await connectSession(x.server, (await signIn(x.server, x.standIn, gusDevice, gus.cookie)).sessionId, gusDevice);
    await gusSocket.next('welcome');
    // Gus lets anyone ring him: the ring, not who may send it, is what this test reads.
    gusSocket.send({ type: 'settings.set', settings: { whoCanCall: 'everyone' } });
    await gusSocket.until('reach', (reach) => reach.settings.whoCanCall === 'everyone');
    const caller = await Client.signInWith(connectSession(x.server, (await signIn(x.server, x.standIn, fayDevice, fay.cookie)).sessionId, fayDevice));
    caller.ring(gus.username);
    expect(await gusSocket.next('ring')).toMatchObject({
      from: fay.username,
      verified: true,
      name: `Fay ${fay.username.slice('fay'.length)}`,
      avatarUrl: `https://pbs.twimg.com/profile_images/${fay.id}/normal.jpg`,
    });
    await Promise.all([caller.close(), gusSocket.close()]);
  });

  it('calls users/me once per sign-in, never per connection', async () => {
    const carol = xAccount('carol');
    const device = await newDevice();
    const before = x.standIn.calls.usersMe;
    const { sessionId } = await signIn(x.server, x.standIn, device, carol.cookie);
    for (let i = 0; i < 3; i++) {
      const client = await connectSession(x.server, sessionId, device);
      await client.next('welcome');
      await client.close();
    }
    expect(x.standIn.calls.usersMe - before).toBe(1);
  });

  it('keeps the account through a rename, and gives the old handle’s new owner an account of their own', async () => {
    const old = xAccount('dana');
    const oldDevice = await newDevice();
    const first = await signIn(x.server, x.standIn, oldDevice, old.cookie);
    const oldSocket = await connectSession(x.server, first.sessionId, oldDevice);
    await oldSocket.next('welcome');

    // X user `old` renames; somebody else takes the handle and signs in with it.
    x.standIn.setUser({ id: old.id, username: `renamed${counter}`, name: 'Dana' });
    const newcomerId = String(9_000_000 + counter);
    x.standIn.setUser({ id: newcomerId, username: old.username, name: 'Someone else' });
    const newcomerDevice = await newDevice();
    const taken = await signIn(x.server, x.standIn, newcomerDevice, x.standIn.logIn(newcomerId));
    expect(taken.self.handle).toBe(old.username);

    // The old owner no longer answers to that handle: their socket is closed and their session refused.
    expect((await oldSocket.closed).code).toBe(4001);
    const refused = await connectSession(x.server, first.sessionId, oldDevice);
    expect((await refused.closed).code).toBe(4001);

    // A ring to the handle reaches only its new owner.
    const newcomer = await Client.signInWith(connectSession(x.server, taken.sessionId, newcomerDevice));
    const caller = await Client.signInWith(connectSession(x.server, (await signIn(x.server, x.standIn, oldDevice, xAccount('eve').cookie)).sessionId, oldDevice));
    await befriend(caller, newcomer);
    caller.ring(old.username);
    await caller.next('ringing');
    expect((await newcomer.next('ring')).from).toBe(caller.handle);

    // The old owner signs in again and is their renamed self, same account.
    const again = await signIn(x.server, x.standIn, oldDevice, old.cookie);
    expect(again.self.handle).toBe(`renamed${counter - 1}`);
    await Promise.all([newcomer.close(), caller.close()]);
  });

  it('signs out one device, or every device of the account within 5 s', async () => {
    const fay = xAccount('fay');
    const [laptop, phone, tablet] = await Promise.all([newDevice(), newDevice(), newDevice()]);
    const sessions = await Promise.all([laptop, phone, tablet].map((d) => signIn(x.server, x.standIn, d, fay.cookie)));
    const sockets = await Promise.all([laptop, phone, tablet].map((d, i) => connectSession(x.server, sessions[i]!.sessionId, d)));
    await Promise.all(sockets.map((s) => s.next('welcome')));

    sockets[0]!.send({ type: 'sign-out', everywhere: false });
    expect((await sockets[0]!.closed).code).toBe(4001);
    expect(sockets[1]!.socket.readyState).toBe(sockets[1]!.socket.OPEN);
    expect((await (await connectSession(x.server, sessions[0]!.sessionId, laptop)).closed).code).toBe(4001);

    const started = Date.now();
    sockets[1]!.send({ type: 'sign-out', everywhere: true });
    const closed = await Promise.all([sockets[1]!.closed, sockets[2]!.closed]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(closed.map((c) => c.code)).toEqual([4001, 4001]);
    expect((await (await connectSession(x.server, sessions[2]!.sessionId, tablet)).closed).code).toBe(4001);
  });

  it('hands signed-in callers and callees TURN credentials that coturn can check and that expire within the hour', async () => {
    const [gus, hal] = [xAccount('gus'), xAccount('hal')];
    const [gd, hd] = await Promise.all([newDevice(), newDevice()]);
    const gusWs = await Client.signInWith(connectSession(x.server, (await signIn(x.server, x.standIn, gd, gus.cookie)).sessionId, gd));
    const halWs = await Client.signInWith(connectSession(x.server, (await signIn(x.server, x.standIn, hd, hal.cookie)).sessionId, hd));
    await befriend(gusWs, halWs);
    const callId = gusWs.ring(hal.username);
    await halWs.next('ring');
    halWs.send({ type: 'accept', callId, media: 'video' });
    const [ice] = (await halWs.next('answered')).iceServers;
    expect(ice).toMatchObject({ urls: TURN.urls });
    const [expiry, userId] = ice!.username!.split(':');
    expect(userId).toBe(hal.id);
    const lifetime = Number(expiry) - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(3500);
    expect(lifetime).toBeLessThanOrEqual(3600);
    expect(ice!.credential).toBe(createHmac('sha1', TURN.secret).update(ice!.username!).digest('base64'));
    await Promise.all([gusWs.close(), halWs.close()]);
  });

  it('answers sign-in requests only to the extension, with CORS headers for an extension and never for a page', async () => {
    const device = await newDevice();
    const body = { devicePublicKey: device.publicKey, codeChallenge: 'a'.repeat(43), redirectUri: REDIRECT_URI };
    const fromPage = await post(x.server, '/auth/x/begin', body, 'https://evil.example');
    expect(fromPage.status).toBe(403);
    expect(fromPage.headers.get('access-control-allow-origin')).toBeNull();
    expect(x.server.lines.some((l) => l.includes('refused: origin "https://evil.example"'))).toBe(true);
    expect((await post(x.server, '/auth/x/begin', body)).status).toBe(200);

    // Firefox's MV3 background is held to CORS: it preflights the JSON request, then must be allowed to read.
    const preflight = (origin: string) =>
      fetch(`${x.server.url}/auth/x/begin`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const firefox = 'moz-extension://a2f1c5e0-7b3d-4c1e-9f4a-52696e677369';
    const allowed = await preflight(firefox);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(firefox);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type');
    expect((await post(x.server, '/auth/x/begin', body, firefox)).headers.get('access-control-allow-origin')).toBe(firefox);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('TURN under development sign-in', () => {
  // Relay is the default between people who are not each other's contacts, so every dev call needs it; a
  // development server only ever listens on loopback.
  it('gives development identities relay credentials too, named after their handle', async () => {
    const dev = await testServer({ turn: TURN });
    try {
      const [ivy, jon] = await Promise.all([Client.signIn(dev.wsUrl, 'ivy'), Client.signIn(dev.wsUrl, 'jon')]);
      for (const who of [ivy, jon]) {
        who.send({ type: 'settings.set', settings: { whoCanCall: 'everyone' } });
        await who.until('reach', (reach) => reach.settings.whoCanCall === 'everyone');
      }
      const callId = ivy.ring('jon');
      await jon.next('ring');
      jon.send({ type: 'accept', callId, media: 'audio' });
      const answered = await jon.next('answered');
      expect(answered.relay).toBe(true);
      expect(answered.iceServers[0]).toMatchObject({ urls: TURN.urls });
      expect(answered.iceServers[0]!.username).toMatch(/^\d+:dev_jon$/);
      await Promise.all([ivy.close(), jon.close()]);
    } finally {
      await dev.close();
    }
  });
});
