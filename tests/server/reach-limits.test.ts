import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { Client, makeContacts, setReach, testServer } from './client';

const TURN = { secret: 'limits-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 };
const servers: Array<Awaited<ReturnType<typeof testServer>>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serverWith(overrides: Parameters<typeof testServer>[0] = {}) {
  const server = await testServer({ turn: TURN, ...overrides });
  servers.push(server);
  return server;
}

async function flush(client: Client) {
  client.send({ type: 'ping' });
  await client.next('pong');
}

describe('abuse limits', () => {
  it('defaults to the issue’s figures, each configurable', () => {
    expect(loadConfig({})).toMatchObject({ ringsAtOnce: 3, ringsPerMinute: 10, ringsToStrangerPerHour: 3, reachChangesPerMinute: 60 });
    expect(
      loadConfig({ RINGS_AT_ONCE: '5', RINGS_PER_MINUTE: '20', RINGS_TO_STRANGER_PER_HOUR: '4', REACH_CHANGES_PER_MINUTE: '30', PRESENCE_WATCHES_PER_MINUTE: '9' }),
    ).toMatchObject({ ringsAtOnce: 5, ringsPerMinute: 20, ringsToStrangerPerHour: 4, reachChangesPerMinute: 30, presenceWatchesPerMinute: 9 });
  });

  it('lets a user ring 3 people at once from 3 devices; the 4th ring is rate-limited and its callee hears nothing', async () => {
    const server = await serverWith();
    const callees = ['c1', 'c2', 'c3', 'c4'];
    await Promise.all(callees.map((c) => setReach(server.wsUrl, c, { whoCanCall: 'everyone' })));
    const phones = await Promise.all(callees.map(() => Client.signIn(server.wsUrl, 'alice')));
    const rung = await Promise.all(callees.map((c) => Client.signIn(server.wsUrl, c)));
    for (let i = 0; i < 3; i++) {
      phones[i]!.ring(callees[i]!);
      await phones[i]!.next('ringing');
      await rung[i]!.next('ring');
    }
    phones[3]!.ring('c4');
    expect(await phones[3]!.next('ended')).toMatchObject({ reason: 'rate-limited' });
    await flush(rung[3]!);
    expect(rung[3]!.received).toEqual([]);
    expect(server.lines.some((l) => l.includes('@alice is over 3 rings at once'))).toBe(true);
  });

  it('allows 10 rings a minute and answers the 11th rate-limited', async () => {
    const server = await serverWith({ ringsToStrangerPerHour: 100 });
    const alice = await Client.signIn(server.wsUrl, 'alice');
    for (let i = 0; i < 10; i++) {
      alice.ring(`nobody${i}`);
      expect(await alice.next('ended')).toMatchObject({ reason: 'unavailable' });
    }
    alice.ring('nobody10');
    expect(await alice.next('ended')).toMatchObject({ reason: 'rate-limited' });
  });

  it('allows 3 rings an hour to one person not in the caller’s contacts, then rate-limited; contacts and others are not counted', async () => {
    const server = await serverWith();
    await makeContacts(server.wsUrl, 'alice', 'carol');
    const alice = await Client.signIn(server.wsUrl, 'alice');
    const bob = await Client.signIn(server.wsUrl, 'bob');
    const reasons: string[] = [];
    for (let i = 0; i < 4; i++) {
      alice.ring('bob');
      reasons.push((await alice.next('ended')).reason);
    }
    expect(reasons).toEqual(['unavailable', 'unavailable', 'unavailable', 'rate-limited']);
    await flush(bob);
    expect(bob.received.filter((m) => m.type !== 'reach')).toEqual([]);
    // Bob heard of one request, not four.
    expect(bob.received.filter((m) => m.type === 'reach')).toHaveLength(1);
    alice.ring('dave');
    expect((await alice.next('ended')).reason).toBe('unavailable');
    for (let i = 0; i < 4; i++) {
      alice.ring('carol');
      expect((await alice.next('ended')).reason).toBe('unavailable');
    }
  });

  it('allows 60 contact and block changes a minute per user, across devices, then answers limited', async () => {
    const server = await serverWith();
    const [laptop, phone] = [await Client.signIn(server.wsUrl, 'alice'), await Client.signIn(server.wsUrl, 'alice')];
    for (let i = 0; i < 60; i++) {
      const device = i % 2 ? phone : laptop;
      device.send({ type: i % 3 ? 'contact.add' : 'block', handle: `p${i}` });
      await device.until('reach', (reach) => [...reach.contacts, ...reach.blocked].includes(`p${i}`));
    }
    laptop.send({ type: 'contact.add', handle: 'one_more' });
    expect(await laptop.next('limited')).toEqual({ type: 'limited', action: 'reach' });
    await flush(laptop);
    expect(laptop.received.some((m) => m.type === 'reach' && m.contacts.includes('one_more'))).toBe(false);
  });

  it('limits presence watches per user and answers limited, keeping the socket', async () => {
    const server = await serverWith({ presenceWatchesPerMinute: 2 });
    const alice = await Client.signIn(server.wsUrl, 'alice');
    for (let i = 0; i < 2; i++) {
      alice.send({ type: 'presence.watch', handles: ['bob'] });
      await alice.next('presence.changed');
    }
    alice.send({ type: 'presence.watch', handles: ['bob'] });
    expect(await alice.next('limited')).toEqual({ type: 'limited', action: 'presence' });
    await flush(alice);
  });

  it('refuses more than 200 watched handles as a malformed message', async () => {
    const server = await serverWith();
    const alice = await Client.signIn(server.wsUrl, 'alice');
    alice.send({ type: 'presence.watch', handles: Array.from({ length: 201 }, (_, i) => `h${i}`) });
    expect(await alice.closed).toEqual({ code: 1008, reason: 'malformed message' });
  });
});
