import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startLoopbackCoturn } from '../../scripts/loopback-coturn.mjs';
import { childServer } from './child-server';
import { Client } from './client';
import { relayThrough } from './turn-client';

describe('npm start’s loopback coturn', () => {
  it('starts with a generated secret, relays with the credentials the server hands out, and stops', async () => {
    const coturn = await startLoopbackCoturn();
    if (!coturn) throw new Error('coturn is not installed: apt-get install coturn, as npm test does as root');
    const server = await childServer({ TURN_SECRET: coturn.secret, TURN_URLS: coturn.url });
    try {
      expect(coturn.secret).toMatch(/^[0-9a-f]{48}$/);
      const alice = await Client.open(server.wsUrl);
      alice.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle: 'alice' } });
      expect((await alice.next('welcome')).relay).toBe(true);
      await alice.close();
      // What the server hands a development identity, checked by coturn itself.
      const username = `${Math.floor(Date.now() / 1000) + 600}:dev_alice`;
      const credential = createHmac('sha1', coturn.secret).update(username).digest('base64');
      const port = /:(\d+)\?/.exec(coturn.url)![1]!;
      expect(await relayThrough({ username, credential }, { port })).toBe('relayed');
      expect(await relayThrough({ username, credential: 'wrong' }, { port })).toMatch(/^refused|^timed out/);
    } finally {
      await server.stop();
      await coturn.stop();
    }
  }, 60_000);
});
