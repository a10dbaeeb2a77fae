import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceState } from '../../lib/protocol/wire';
import { Client, makeContacts, testServer } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

let n = 0;
const fresh = (name: string) => `${name}${++n}`;

/** Waits for the watcher to hear this state of the handle; returns how long it took. */
async function hears(watcher: Client, handle: string, state: PresenceState): Promise<number> {
  const started = Date.now();
  await watcher.until('presence.changed', (m) => m.states.some((s) => s.handle === handle && s.state === state), 5000);
  return Date.now() - started;
}

describe('live presence', () => {
  it('pushes online → busy → online → offline within 5 s of each change (ringing, a call, do not disturb, invisible, leaving)', async () => {
    const [a, b, c] = [fresh('pa'), fresh('pb'), fresh('pc')];
    await Promise.all([makeContacts(server.wsUrl, a, b), makeContacts(server.wsUrl, b, c)]);
    const bob = await Client.signIn(server.wsUrl, b);
    const carol = await Client.signIn(server.wsUrl, c);
    const alice = await Client.signIn(server.wsUrl, a);
    alice.send({ type: 'presence.watch', handles: [b, 'never_used_it'] });
    expect((await alice.next('presence.changed')).states).toEqual([
      { handle: b, state: 'online' },
      { handle: 'never_used_it', state: 'offline' },
    ]);
    const delays: number[] = [];

    const callId = bob.ring(c);
    delays.push(await hears(alice, b, 'busy'));
    await carol.next('ring');
    carol.send({ type: 'decline', callId });
    delays.push(await hears(alice, b, 'online'));

    for (const [status, seen] of [['dnd', 'busy'], ['available', 'online'], ['invisible', 'offline'], ['available', 'online']] as const) {
      bob.send({ type: 'settings.set', settings: { status } });
      delays.push(await hears(alice, b, seen));
    }
    await bob.close();
    delays.push(await hears(alice, b, 'offline'));
    expect(Math.max(...delays)).toBeLessThan(5000);
    console.info(`presence pushed within ${Math.max(...delays)} ms of each change (${delays.join(', ')} ms)`);
    await Promise.all([alice.close(), carol.close()]);
  });

  it('shows the dot the moment someone lets the watcher see it, and hides it when they block them', async () => {
    const [a, b] = [fresh('pa'), fresh('pb')];
    const bob = await Client.signIn(server.wsUrl, b);
    const alice = await Client.signIn(server.wsUrl, a);
    alice.send({ type: 'presence.watch', handles: [b] });
    expect((await alice.next('presence.changed')).states).toEqual([{ handle: b, state: 'offline' }]);
    bob.send({ type: 'contact.add', handle: a });
    await hears(alice, b, 'online');
    bob.send({ type: 'block', handle: a });
    await hears(alice, b, 'offline');
    await Promise.all([alice.close(), bob.close()]);
  });

  it('replaces the watched set: a handle no longer watched is no longer pushed', async () => {
    const [a, b, c] = [fresh('pa'), fresh('pb'), fresh('pc')];
    await Promise.all([makeContacts(server.wsUrl, a, b), makeContacts(server.wsUrl, a, c)]);
    const bob = await Client.signIn(server.wsUrl, b);
    const alice = await Client.signIn(server.wsUrl, a);
    alice.send({ type: 'presence.watch', handles: [b] });
    await alice.next('presence.changed');
    alice.send({ type: 'presence.watch', handles: [c] });
    expect((await alice.next('presence.changed')).states).toEqual([{ handle: c, state: 'offline' }]);
    await bob.close();
    const carol = await Client.signIn(server.wsUrl, c);
    await hears(alice, c, 'online');
    expect(alice.received.filter((m) => m.type === 'presence.changed' && m.states.some((s) => s.handle === b))).toEqual([]);
    await Promise.all([alice.close(), carol.close()]);
  });

  it('forgets a closed socket’s watches: later changes reach only the sockets still open', async () => {
    const [a, b] = [fresh('pa'), fresh('pb')];
    await makeContacts(server.wsUrl, a, b);
    const [gone, kept] = [await Client.signIn(server.wsUrl, a), await Client.signIn(server.wsUrl, a)];
    for (const device of [gone, kept]) {
      device.send({ type: 'presence.watch', handles: [b] });
      await device.next('presence.changed');
    }
    await gone.close();
    const bob = await Client.signIn(server.wsUrl, b);
    await hears(kept, b, 'online');
    expect(server.lines.filter((l) => /presence .* not pushed|handler failed|cleanup failed/.test(l))).toEqual([]);
    await Promise.all([kept.close(), bob.close()]);
  });
});
