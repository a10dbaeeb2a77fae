import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { pinoLog } from '../../server/pino-log';
import { Client, connectPeer, testServer } from './client';

const TURN = { secret: 'test-secret', urls: ['turn:127.0.0.1:3478'], ttlSeconds: 600 };
/** A stand-in for the guest page's build: these tests read its headers, not its code. */
const GUEST_DIR = mkdtempSync(path.join(tmpdir(), 'ringside-guest-page-'));
writeFileSync(path.join(GUEST_DIR, 'index.html'), '<!doctype html><title>guest</title>');

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer({ turn: TURN, guestPageDir: GUEST_DIR, linkJoinsPerAddressPerMinute: 1000 });
});
afterAll(() => server.close());

let counter = 0;
const handle = (name: string) => `${name}${++counter}`;

async function makeLink(owner: Client) {
  owner.send({ type: 'link.create' });
  const created = await owner.next('link.created');
  await owner.next('links');
  return created;
}

/** A guest socket that has opened `token`: its first answer is `guest.link` or `guest.refused`. */
async function openAsGuest(token: string) {
  const guest = await Client.open(server.wsUrl, '/c/ws');
  guest.send({ type: 'guest.open', token });
  return guest;
}

function ringAsGuest(guest: Client, name = 'Ann', media: 'audio' | 'video' = 'video'): string {
  const callId = randomUUID();
  guest.send({ type: 'guest.ring', callId, name, media });
  return callId;
}

/** The owner accepts on `device` and brings its peer up: the guest learns `accepted` (the link is used then). */
async function acceptOn(device: Client, guest: Client, callId: string, wsUrl = server.wsUrl) {
  device.send({ type: 'accept', callId, media: 'video' });
  const answered = await device.next('answered');
  const peer = await connectPeer(wsUrl, answered.peerId, answered.peerToken);
  if (!('opened' in peer)) throw new Error('peer refused');
  return { answered, accepted: await guest.next('accepted'), peer: peer.opened };
}

describe('minting and listing', () => {
  it('mints a 192-bit token the owner alone receives, lists it live, and revokes it', async () => {
    const owner = await Client.signIn(server.wsUrl, handle('alice'));
    owner.send({ type: 'link.create' });
    const created = await owner.next('link.created');
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.expiresAt - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await owner.next('links')).links).toEqual([{ id: created.id, expiresAt: created.expiresAt }]);

    const other = await Client.signIn(server.wsUrl, handle('mallory'));
    other.send({ type: 'link.revoke', id: created.id });
    expect((await other.next('links')).links).toEqual([]);

    owner.send({ type: 'link.revoke', id: created.id });
    expect((await owner.next('links')).links).toEqual([]);
    const guest = await openAsGuest(created.token);
    expect(await guest.next('guest.refused')).toEqual({ type: 'guest.refused', reason: 'revoked' });
    expect((await guest.closed).code).toBe(1000);
  });

  it('reads a token that never existed as expired', async () => {
    const guest = await openAsGuest('A'.repeat(32));
    expect(await guest.next('guest.refused')).toEqual({ type: 'guest.refused', reason: 'expired' });
  });

  it('closes a guest socket that sends anything but its protocol', async () => {
    const guest = await Client.open(server.wsUrl, '/c/ws');
    guest.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle: 'alice' } });
    expect((await guest.closed).code).toBe(1008);
    const ringer = await Client.open(server.wsUrl, '/c/ws');
    ringAsGuest(ringer);
    expect((await ringer.closed).code).toBe(1008);
  });
});

describe('a guest call', () => {
  it('rings every device of the owner as a guest, relays, and uses the link up when it connects', async () => {
    const a = handle('alice');
    const [phone, laptop] = [await Client.signIn(server.wsUrl, a), await Client.signIn(server.wsUrl, a)];
    const { token } = await makeLink(phone);
    const guest = await openAsGuest(token);
    expect(await guest.next('guest.link')).toMatchObject({ owner: a });

    const callId = ringAsGuest(guest, '  Ann  ');
    expect(await guest.next('ringing')).toEqual({ type: 'ringing', callId, to: a });
    for (const device of [phone, laptop]) {
      expect(await device.next('ring')).toMatchObject({ callId, from: 'guest', media: 'video', verified: false, guest: { name: 'Ann', verified: false } });
    }
    const { answered, accepted } = await acceptOn(laptop, guest, callId);
    expect(answered.relay).toBe(true);
    expect(accepted.relay).toBe(true);
    // Each side gets TURN credentials; the guest's name only this call.
    // A development identity's TURN name says it is one (dev_), so no proven account can be mistaken for it.
    expect(answered.iceServers[0]?.username).toMatch(new RegExp(`^\\d+:dev_${a}$`));
    expect(accepted.iceServers[0]?.username).toMatch(new RegExp(`^\\d+:guest:${callId}$`));
    expect(await phone.next('ended')).toMatchObject({ reason: 'answered-elsewhere' });

    const late = await openAsGuest(token);
    expect(await late.next('guest.refused')).toEqual({ type: 'guest.refused', reason: 'used' });

    guest.send({ type: 'hangup', callId });
    expect(await laptop.next('ended')).toEqual({ type: 'ended', callId, reason: 'remote-hangup' });
  });

  it('tells the guest the owner declined, and the link still works', async () => {
    const a = handle('alice');
    const owner = await Client.signIn(server.wsUrl, a);
    const { token } = await makeLink(owner);
    const guest = await openAsGuest(token);
    await guest.next('guest.link');
    const callId = ringAsGuest(guest);
    await owner.next('ring');
    owner.send({ type: 'decline', callId });
    expect(await guest.next('ended')).toEqual({ type: 'ended', callId, reason: 'declined' });
    expect((await guest.closed).code).toBe(1000);
    const again = await openAsGuest(token);
    expect(await again.next('guest.link')).toMatchObject({ owner: a });
  });

  it('tells the guest the owner is away', async () => {
    const a = handle('alice');
    const owner = await Client.signIn(server.wsUrl, a);
    const { token } = await makeLink(owner);
    await owner.close();
    const guest = await openAsGuest(token);
    await guest.next('guest.link');
    const callId = ringAsGuest(guest);
    expect(await guest.next('ended')).toEqual({ type: 'ended', callId, reason: 'offline' });
  });

  it('lets a guest ring only once per socket', async () => {
    const owner = await Client.signIn(server.wsUrl, handle('alice'));
    const { token } = await makeLink(owner);
    const guest = await openAsGuest(token);
    await guest.next('guest.link');
    ringAsGuest(guest);
    await guest.next('ringing');
    ringAsGuest(guest);
    expect((await guest.closed).code).toBe(1008);
    // The owner's ring stops with the guest gone.
    await owner.next('ring');
    expect(await owner.next('ended')).toMatchObject({ reason: 'cancelled' });
  });
});

describe('limits', () => {
  it('allows three joins a minute per link', async () => {
    const owner = await Client.signIn(server.wsUrl, handle('alice'));
    const { token } = await makeLink(owner);
    for (let i = 0; i < 3; i++) {
      const guest = await openAsGuest(token);
      await guest.next('guest.link');
      const callId = ringAsGuest(guest);
      await owner.next('ring');
      owner.send({ type: 'decline', callId });
      await guest.next('ended');
    }
    const fourth = await openAsGuest(token);
    await fourth.next('guest.link');
    ringAsGuest(fourth);
    expect(await fourth.next('guest.refused')).toEqual({ type: 'guest.refused', reason: 'rate-limited' });
  });

  it('counts joins per client address across links', async () => {
    const strict = await testServer({ turn: TURN, guestPageDir: GUEST_DIR, linkJoinsPerAddressPerMinute: 1 });
    try {
      const owner = await Client.signIn(strict.wsUrl, handle('alice'));
      const tokens = [];
      for (let i = 0; i < 2; i++) {
        owner.send({ type: 'link.create' });
        tokens.push((await owner.next('link.created')).token);
      }
      const answers = [];
      for (const token of tokens) {
        const guest = await Client.open(strict.wsUrl, '/c/ws');
        guest.send({ type: 'guest.open', token });
        await guest.next('guest.link');
        ringAsGuest(guest);
        answers.push((await Promise.race([guest.next('ringing'), guest.next('guest.refused')])).type);
      }
      expect(answers).toEqual(['ringing', 'guest.refused']);
    } finally {
      await strict.close();
    }
  });
});

describe('expiry', () => {
  it('refuses a link past its lifetime as expired', async () => {
    const short = await testServer({ turn: TURN, guestPageDir: GUEST_DIR, callLinkTtlMs: 200 });
    try {
      const owner = await Client.signIn(short.wsUrl, handle('alice'));
      owner.send({ type: 'link.create' });
      const { token } = await owner.next('link.created');
      await owner.next('links');
      await new Promise((resolve) => setTimeout(resolve, 300));
      owner.send({ type: 'link.list' });
      expect((await owner.next('links')).links).toEqual([]);
      const guest = await Client.open(short.wsUrl, '/c/ws');
      guest.send({ type: 'guest.open', token });
      expect(await guest.next('guest.refused')).toEqual({ type: 'guest.refused', reason: 'expired' });
    } finally {
      await short.close();
    }
  });

  it('refuses a lifetime over seven days in the environment', () => {
    expect(() => loadConfig({ CALL_LINK_TTL_MS: String(8 * 24 * 3600_000) })).toThrow(/CALL_LINK_TTL_MS/);
  });
});

describe('the guest page and the log', () => {
  it('serves the page with a strict policy and no cookie, and never logs a token', async () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const logged = await startServer({ ...loadConfig({ PORT: '0' }), turn: TURN, guestPageDir: GUEST_DIR }, { log: pinoLog(out) });
    try {
      const wsUrl = logged.url.replace(/^http/, 'ws');
      const owner = await Client.signIn(wsUrl, handle('alice'));
      owner.send({ type: 'link.create' });
      const { token, id } = await owner.next('link.created');

      const page = await fetch(`${logged.url}/c/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'/);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('set-cookie')).toBeNull();
      // Requests that fail on the token's path: a broken escape and a missing asset.
      await fetch(`${logged.url}/c/${token}%E0%A4%A`);
      await fetch(`${logged.url}/c/assets/${token}.js`);

      const guest = await Client.open(wsUrl, '/c/ws');
      guest.send({ type: 'guest.open', token });
      await guest.next('guest.link');
      const callId = ringAsGuest(guest);
      await owner.next('ring');
      const { peer } = await acceptOn(owner, guest, callId, wsUrl);
      guest.send({ type: 'hangup', callId });
      await owner.next('ended');
      peer.close();
      owner.send({ type: 'link.revoke', id });
      await owner.next('links');
      // Something was logged (the link's id, the refused requests), but never the token.
      expect(written).toContain(id);
      expect(written).toMatch(/GET \/c\/…/);
      expect(written).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
