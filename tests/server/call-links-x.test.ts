import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client } from './client';
import { signedInAs, xWorld } from './sign-in-client';

const TURN = { secret: 'links-x-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 };
const GUEST_DIR = mkdtempSync(path.join(tmpdir(), 'ringside-guest-page-'));
writeFileSync(path.join(GUEST_DIR, 'index.html'), '<!doctype html><title>guest</title>');

const x = xWorld({ turn: TURN, guestPageDir: GUEST_DIR });

const online = (id: string, username: string) => signedInAs(x.server, x.standIn, id, username);

async function makeLink(owner: Client): Promise<string> {
  owner.send({ type: 'link.create' });
  const { token } = await owner.next('link.created');
  await owner.next('links');
  return token;
}

/**
 * A guest's browser, logged in to X as `xCookie`, on the link's page: opens the link, chooses Sign in with X,
 * passes X's authorize page and comes back to `/c/x/done`. Returns the guest cookie the server set and where
 * it sent the browser.
 */
async function signInAsGuest(token: string, xCookie: string) {
  const page = await Client.open(x.server.wsUrl, '/c/ws');
  page.send({ type: 'guest.open', token });
  expect(await page.next('guest.link')).toMatchObject({ xSignIn: true });
  page.send({ type: 'guest.x-begin', base: `${x.server.url}/c/` });
  const { url } = await page.next('guest.x-authorize');
  expect(url).not.toContain(token);
  await page.close();
  const back = await x.standIn.authorizeAs(url, xCookie);
  expect(back.href.startsWith(`${x.server.url}/c/x/done?`)).toBe(true);
  const done = await fetch(back, { redirect: 'manual' });
  const setCookie = done.headers.get('set-cookie') ?? '';
  return { status: done.status, location: done.headers.get('location'), setCookie, cookie: setCookie.split(';')[0]! };
}

describe('a call link’s guest signs in with X', () => {
  it('rings the owner verified, under the name and handle X gave, and goes back to the link without its token in any URL X saw', async () => {
    const alice = await online('7101', 'alice');
    const token = await makeLink(alice);
    x.standIn.setUser({ id: '8001', username: 'Ann_X', name: 'Ann Example' });
    const guest = await signInAsGuest(token, x.standIn.logIn('8001'));
    expect(guest.status).toBe(303);
    expect(guest.location).toBe(`../${token}`);
    expect(guest.setCookie).toMatch(/^ringside_guest=[A-Za-z0-9_-]{32}; Path=\/c\/; Max-Age=3600; HttpOnly; SameSite=Lax$/);

    const page = await Client.open(x.server.wsUrl, '/c/ws', guest.cookie);
    page.send({ type: 'guest.open', token });
    expect(await page.next('guest.link')).toMatchObject({ owner: 'alice', xSignIn: true, you: { name: 'Ann Example', handle: 'ann_x' } });
    const callId = randomUUID();
    // Whatever name the page sends, the verified one rings.
    page.send({ type: 'guest.ring', callId, name: 'Somebody Else', media: 'audio' });
    const ring = await alice.next('ring');
    expect(ring).toMatchObject({ callId, from: 'guest', guest: { name: 'Ann Example', verified: true, handle: 'ann_x' } });
    // Without the cookie the same link's guest is an unverified name, as before.
    const stranger = await Client.open(x.server.wsUrl, '/c/ws');
    stranger.send({ type: 'guest.open', token });
    expect((await stranger.next('guest.link')).you).toBeUndefined();
    expect(x.server.lines.join('\n')).not.toContain(token);
    await Promise.all([alice.close(), page.close(), stranger.close()]);
  });

  it('refuses someone the owner blocked, in words that say only that the link cannot be used', async () => {
    const bob = await online('7102', 'bob');
    bob.send({ type: 'block', handle: 'eve' });
    await bob.until('reach', (reach) => reach.blocked.includes('eve'));
    const token = await makeLink(bob);
    x.standIn.setUser({ id: '8002', username: 'eve', name: 'Eve' });
    const eve = await signInAsGuest(token, x.standIn.logIn('8002'));

    const page = await Client.open(x.server.wsUrl, '/c/ws', eve.cookie);
    page.send({ type: 'guest.open', token });
    expect(await page.next('guest.refused')).toEqual({ type: 'guest.refused', reason: 'refused' });
    expect((await page.closed).code).toBe(1000);
    // Nothing rang, and the link is still Bob's to give to someone else.
    expect(bob.received.filter((m) => m.type === 'ring')).toEqual([]);
    const other = await Client.open(x.server.wsUrl, '/c/ws');
    other.send({ type: 'guest.open', token });
    expect(await other.next('guest.link')).toMatchObject({ owner: 'bob' });
    await Promise.all([bob.close(), other.close()]);
  });

  it('sends a sign-in it never began back with nothing set', async () => {
    const response = await fetch(`${x.server.url}/c/x/done?state=forged&code=x`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
