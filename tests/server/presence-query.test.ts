import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESENCE_QUERIES_PER_MINUTE } from '../../server/presence-query';
import { Client, makeContacts, testServer } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

/** Unique handles per test: the server is shared by the whole file. */
let n = 0;
const fresh = (name: string) => `${name}_${++n}`.slice(0, 15);

describe('presence queries', () => {
  it('answers online, busy (ringing or in a call) and offline, in one answer for many handles', async () => {
    const [a, b, c] = [fresh('pq_alice'), fresh('pq_bob'), fresh('pq_carol')];
    await Promise.all([makeContacts(server.wsUrl, a, b), makeContacts(server.wsUrl, a, c), makeContacts(server.wsUrl, c, b)]);
    const alice = await Client.signIn(server.wsUrl, a);
    const bob = await Client.signIn(server.wsUrl, b);
    const carol = await Client.signIn(server.wsUrl, c);
    alice.send({ type: 'presence.query', id: 1, handles: [b, c, 'pq_nobody', b.toUpperCase()] });
    expect(await alice.next('presence')).toEqual({
      type: 'presence',
      id: 1,
      states: [
        { handle: b, state: 'online' },
        { handle: c, state: 'online' },
        { handle: 'pq_nobody', state: 'offline' },
      ],
    });
    carol.ring(b);
    await carol.next('ringing');
    alice.send({ type: 'presence.query', id: 2, handles: [b, c] });
    expect((await alice.next('presence')).states).toEqual([
      { handle: b, state: 'busy' },
      { handle: c, state: 'busy' },
    ]);
    await bob.close();
    alice.send({ type: 'presence.query', id: 3, handles: [b] });
    expect((await alice.next('presence')).states).toEqual([{ handle: b, state: 'offline' }]);
    await Promise.all([alice.close(), carol.close()]);
  });

  it('cannot tell someone offline from someone who never used Ringside', async () => {
    const [a, gone] = [fresh('pq_probe'), fresh('pq_gone')];
    const left = await Client.signIn(server.wsUrl, gone);
    await left.close();
    const prober = await Client.signIn(server.wsUrl, a);
    prober.send({ type: 'presence.query', id: 7, handles: [gone, 'never_signed_up'] });
    const { states } = await prober.next('presence');
    expect(states.map((s) => s.state)).toEqual(['offline', 'offline']);
    await prober.close();
  });

  it('answers offline for someone online who would not let the asker call them', async () => {
    const [a, b] = [fresh('pq_stranger'), fresh('pq_private')];
    const bob = await Client.signIn(server.wsUrl, b);
    const alice = await Client.signIn(server.wsUrl, a);
    alice.send({ type: 'presence.query', id: 8, handles: [b] });
    expect((await alice.next('presence')).states).toEqual([{ handle: b, state: 'offline' }]);
    await Promise.all([alice.close(), bob.close()]);
  });

  it('limits queries per user across devices, answering "limited" without closing the socket', async () => {
    const who = fresh('pq_greedy');
    const [laptop, phone] = [await Client.signIn(server.wsUrl, who), await Client.signIn(server.wsUrl, who)];
    for (let i = 0; i < PRESENCE_QUERIES_PER_MINUTE; i++) {
      (i % 2 ? phone : laptop).send({ type: 'presence.query', id: i, handles: ['someone'] });
      expect((await (i % 2 ? phone : laptop).next('presence')).limited).toBeUndefined();
    }
    laptop.send({ type: 'presence.query', id: 99, handles: ['someone'] });
    expect(await laptop.next('presence')).toEqual({ type: 'presence', id: 99, states: [], limited: true });
    laptop.send({ type: 'ping' });
    expect(await laptop.next('pong')).toEqual({ type: 'pong' });
    await Promise.all([laptop.close(), phone.close()]);
  });

  it('refuses more than 50 handles, or none, as a malformed message', async () => {
    const many = await Client.signIn(server.wsUrl, fresh('pq_many'));
    many.send({ type: 'presence.query', id: 1, handles: Array.from({ length: 51 }, (_, i) => `h${i}`) });
    expect(await many.closed).toEqual({ code: 1008, reason: 'malformed message' });
    const none = await Client.signIn(server.wsUrl, fresh('pq_none'));
    none.send({ type: 'presence.query', id: 1, handles: [] });
    expect(await none.closed).toEqual({ code: 1008, reason: 'malformed message' });
  });
});
