import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContacts as makeE2EContacts, setReachSettings } from '../e2e/harness/reach';
import { Client, makeContacts, testServer } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

let n = 0;
const fresh = (name: string) => `${name}${++n}`;

describe('reach state across devices', () => {
  it('follows every welcome, and every change reaches each device of the account', async () => {
    const b = fresh('db');
    const [phone, laptop] = [await Client.signIn(server.wsUrl, b), await Client.signIn(server.wsUrl, b)];
    expect(phone.reach).toMatchObject({ type: 'reach', contacts: [], blocked: [], requests: [], settings: { whoCanCall: 'contacts', status: 'available', alwaysRelay: false } });
    phone.send({ type: 'contact.add', handle: 'someone' });
    for (const device of [phone, laptop]) expect((await device.next('reach')).contacts).toEqual(['someone']);
  });

  it('applies a setting changed on one device to a ring sent a moment later to another', async () => {
    const [a, b] = [fresh('da'), fresh('db')];
    await makeContacts(server.wsUrl, a, b);
    const [phone, laptop] = [await Client.signIn(server.wsUrl, b), await Client.signIn(server.wsUrl, b)];
    const alice = await Client.signIn(server.wsUrl, a);

    phone.send({ type: 'settings.set', settings: { status: 'dnd' } });
    await phone.until('reach', (reach) => reach.settings.status === 'dnd');
    const callId = alice.ring(b);
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'unavailable' });
    // Neither device rang; both keep the call as missed.
    for (const device of [phone, laptop]) expect(await device.next('missed')).toMatchObject({ callId, from: a });
    expect([...phone.received, ...laptop.received].some((m) => m.type === 'ring')).toBe(false);

    laptop.send({ type: 'block', handle: a });
    await laptop.until('reach', (reach) => reach.blocked.includes(a));
    phone.send({ type: 'settings.set', settings: { status: 'available' } });
    await phone.until('reach', (reach) => reach.settings.status === 'available');
    alice.ring(b);
    expect((await alice.next('ended')).reason).toBe('unavailable');
    laptop.send({ type: 'unblock', handle: a });
    await laptop.until('reach', (reach) => !reach.blocked.includes(a));
    // Unblocking does not make a contact again: contacts-only still keeps her out.
    alice.ring(b);
    expect((await alice.next('ended')).reason).toBe('unavailable');
    phone.send({ type: 'contact.add', handle: a });
    await phone.until('reach', (reach) => reach.contacts.includes(a));
    alice.ring(b);
    await alice.next('ringing');
  });

  it('lets a refused caller’s request be dismissed, added or blocked from any device', async () => {
    const [a, b] = [fresh('da'), fresh('db')];
    const [phone, laptop] = [await Client.signIn(server.wsUrl, b), await Client.signIn(server.wsUrl, b)];
    const alice = await Client.signIn(server.wsUrl, a);
    alice.ring(b);
    await alice.next('ended');
    for (const device of [phone, laptop]) expect((await device.until('reach', (r) => r.requests.length > 0)).requests).toMatchObject([{ handle: a }]);
    laptop.send({ type: 'request.dismiss', handle: a });
    expect((await phone.until('reach', (r) => r.requests.length === 0)).requests).toEqual([]);
    // Dismissed, and still one a day: asking again at once leaves nothing new.
    alice.ring(b);
    await alice.next('ended');
    phone.send({ type: 'ping' });
    await phone.next('pong');
    expect(phone.received.filter((m) => m.type === 'reach' && m.requests.length > 0)).toEqual([]);
  });

  it('keeps settings, contacts and blocks through a server restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-reach-'));
    try {
      const first = await testServer({ dataDir });
      const bob = await Client.signIn(first.wsUrl, 'bob');
      for (const change of [
        { type: 'settings.set', settings: { status: 'invisible', whoCanCall: 'nobody', alwaysRelay: true } },
        { type: 'contact.add', handle: 'alice' },
        { type: 'block', handle: 'mallory' },
      ]) {
        bob.send(change);
        await bob.next('reach');
      }
      await first.close();
      const second = await testServer({ dataDir });
      const again = await Client.signIn(second.wsUrl, 'bob');
      expect(again.reach).toMatchObject({ contacts: ['alice'], blocked: ['mallory'], settings: { status: 'invisible', whoCanCall: 'nobody', alwaysRelay: true } });
      await again.close();
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the end-to-end harness’s reach helpers', () => {
  it('make two people contacts and change settings through /ws, as browsers’ tests need', async () => {
    const [a, b] = [fresh('ea'), fresh('eb')];
    await makeE2EContacts(a, b, server.url);
    await setReachSettings(b, { whoCanCall: 'nobody', alwaysRelay: true }, server.url);
    const bob = await Client.signIn(server.wsUrl, b);
    expect(bob.reach).toMatchObject({ contacts: [a], settings: { whoCanCall: 'nobody', alwaysRelay: true } });
    await bob.close();
  });
});
