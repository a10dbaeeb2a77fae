import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testServer } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

describe('missed calls seen on one device', () => {
  it('are told to the account’s other devices, not back to the sender nor to anyone else', async () => {
    const [phone, laptop, other] = [await Client.signIn(server.wsUrl, 'seenbob'), await Client.signIn(server.wsUrl, 'seenbob'), await Client.signIn(server.wsUrl, 'seencarol')];
    phone.send({ type: 'missed.seen', upTo: 1_765_000_000_000 });
    expect(await laptop.next('missed.seen')).toEqual({ type: 'missed.seen', upTo: 1_765_000_000_000 });
    // A ping after it: once its pong is back, the seen message would have arrived before it.
    for (const client of [phone, other]) {
      client.send({ type: 'ping' });
      await client.next('pong');
      expect(client.received.filter((m) => m.type === 'missed.seen')).toEqual([]);
    }
    await Promise.all([phone.close(), laptop.close(), other.close()]);
  });

  it('a malformed one ends the connection', async () => {
    const phone = await Client.signIn(server.wsUrl, 'seendan');
    phone.send({ type: 'missed.seen', upTo: 'yesterday' });
    expect((await phone.closed).code).toBe(1008);
  });
});
