import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startLoopbackCoturn } from '../../scripts/loopback-coturn.mjs';
import { childServer } from './child-server';
import { Client } from './client';

/** 'relayed' once turnutils_uclient's channel is bound and a packet sent through the relay, within 15 s (it took 8 s and more beside the other server tests on two cores). */
function relayThrough(url: string, username: string, credential: string): Promise<string> {
  const port = /:(\d+)\?/.exec(url)![1]!;
  const client = spawn('/usr/bin/turnutils_uclient', ['-u', username, '-w', credential, '-p', port, '-e', '127.0.0.1', '-n', '1', '127.0.0.1']);
  let out = '';
  return new Promise((resolve) => {
    const done = (result: string) => {
      clearTimeout(timer);
      client.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(() => done(`not relayed: ${out.slice(-300)}`), 15_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (/tot_send_msgs=[1-9]/.test(out)) done('relayed');
      else if (/error 4\d\d/.test(out)) done(`refused: ${out.slice(-200)}`);
    };
    client.stdout.on('data', read);
    client.stderr.on('data', read);
  });
}

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
      expect(await relayThrough(coturn.url, username, credential)).toBe('relayed');
      expect(await relayThrough(coturn.url, username, 'wrong')).toMatch(/^refused|^not relayed/);
    } finally {
      await server.stop();
      await coturn.stop();
    }
  }, 60_000);
});
