import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeContacts, setReach, testServer } from './client';
import { matrix } from './reach-matrix';

/** A TURN configuration is all the server needs to relay (credentials only; nothing dials it here). */
const TURN = { secret: 'matrix-secret', urls: ['turn:127.0.0.1:3478?transport=udp'], ttlSeconds: 3600 };

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer({ turn: TURN });
});
afterAll(() => server.close());

let n = 0;

/** Everything Bob's device received so far has arrived: the server answers in order on one socket. */
async function flush(client: Client) {
  client.send({ type: 'ping' });
  await client.next('pong');
}

async function requestsOf(handle: string): Promise<string[]> {
  const device = await Client.signIn(server.wsUrl, handle);
  await device.close();
  return device.reach!.requests.map((r) => r.handle);
}

describe('the policy matrix through the real server: Alice rings Bob', () => {
  it.each(matrix)('$name', async ({ who, contact, blocked, status, online, expect: e }) => {
    const [a, b] = [`ma${++n}`, `mb${n}`];
    if (contact) await makeContacts(server.wsUrl, a, b);
    await setReach(server.wsUrl, b, { whoCanCall: who, status });
    if (blocked) {
      const bob = await Client.signIn(server.wsUrl, b);
      bob.send({ type: 'block', handle: a });
      await bob.until('reach', (reach) => reach.blocked.includes(a));
      await bob.close();
    }
    const bob = online ? await Client.signIn(server.wsUrl, b) : undefined;
    const alice = await Client.signIn(server.wsUrl, a);

    // What each sees of the other, before the call.
    alice.send({ type: 'presence.watch', handles: [b] });
    expect((await alice.next('presence.changed')).states).toEqual([{ handle: b, state: e.aliceSeesBob }]);
    if (bob) {
      bob.send({ type: 'presence.watch', handles: [a] });
      expect((await bob.next('presence.changed')).states).toEqual([{ handle: a, state: e.bobSeesAlice }]);
    }

    const callId = alice.ring(b, 'audio');
    if (e.rings) {
      expect(await alice.next('ringing')).toEqual({ type: 'ringing', callId, to: b });
      expect(await bob!.next('ring')).toMatchObject({ callId, from: a });
      bob!.send({ type: 'accept', callId, media: 'audio' });
      expect((await bob!.next('answered')).relay).toBe(e.relay);
      alice.send({ type: 'hangup', callId });
      await bob!.next('ended');
    } else {
      expect(await alice.next('ended')).toEqual({ type: 'ended', callId, reason: 'unavailable' });
      if (bob) {
        await flush(bob);
        expect(bob.received.some((m) => m.type === 'ring')).toBe(false);
        expect(bob.received.some((m) => m.type === 'missed')).toBe(e.missed);
        if (e.missed) expect(await bob.next('missed')).toMatchObject({ callId, from: a, media: 'audio', verified: false });
        if (e.request) expect((await bob.until('reach', (reach) => reach.requests.length > 0)).requests).toMatchObject([{ handle: a, verified: false }]);
      }
      if (!bob && e.request) {
        // Kept for Bob's next sign-in; written just after Alice's answer, so it may take a moment.
        const deadline = Date.now() + 2000;
        while (!(await requestsOf(b)).includes(a) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await requestsOf(b)).toEqual(e.request ? [a] : []);
    }
    await Promise.all([alice.close(), bob?.close()]);
  });
});
