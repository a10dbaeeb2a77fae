import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, connectPeer, makeContacts, testServer, tryUpgrade, type UpgradeOutcome } from './client';

let server: Awaited<ReturnType<typeof testServer>>;
let minted: { peerId: string; peerToken: string };
beforeAll(async () => {
  server = await testServer();
  await makeContacts(server.wsUrl, 'alice', 'bob');
  const alice = await Client.signIn(server.wsUrl, 'alice');
  const bob = await Client.signIn(server.wsUrl, 'bob');
  const callId = alice.ring('bob');
  await bob.next('ring');
  bob.send({ type: 'accept', callId, media: 'video' });
  minted = await bob.next('answered');
});
afterAll(() => server.close());

async function leave(peer: UpgradeOutcome): Promise<void> {
  if (!('opened' in peer)) throw new Error(`refused ${peer.refused}`);
  const closed = new Promise((resolve) => peer.opened.once('close', resolve));
  peer.opened.close();
  await closed;
}

const HEX32 = '0123456789abcdef0123456789abcdef';

describe('/peerjs admits only minted ids', () => {
  it('refuses an id the server never minted', async () => {
    expect(await connectPeer(server.wsUrl, HEX32, HEX32)).toEqual({ refused: 403 });
    expect(await connectPeer(server.wsUrl, randomUUID(), 'anything')).toEqual({ refused: 403 });
    expect(server.lines.some((line) => line.includes(`/peerjs refused id "${HEX32}"`))).toBe(true);
  });

  it('refuses a minted id with the wrong token', async () => {
    expect(await connectPeer(server.wsUrl, minted.peerId, HEX32)).toEqual({ refused: 403 });
    expect(await connectPeer(server.wsUrl, minted.peerId, '')).toEqual({ refused: 403 });
  });

  it('refuses a minted id with the wrong key', async () => {
    const url = `${server.wsUrl}/peerjs/peerjs?key=other&id=${minted.peerId}&token=${minted.peerToken}`;
    expect(await tryUpgrade(url)).toEqual({ refused: 403 });
  });

  it('admits the minted id once, refuses a second connection, and admits again after it leaves', async () => {
    const first = await connectPeer(server.wsUrl, minted.peerId, minted.peerToken);
    expect(first).toMatchObject({ first: { type: 'OPEN' } });
    expect(await connectPeer(server.wsUrl, minted.peerId, minted.peerToken)).toEqual({ refused: 403 });

    await leave(first);
    const again = await connectPeer(server.wsUrl, minted.peerId, minted.peerToken);
    expect(again).toMatchObject({ first: { type: 'OPEN' } });
    await leave(again);
  });

  it('survives garbage and oversize messages from an admitted peer', async () => {
    const peer = await connectPeer(server.wsUrl, minted.peerId, minted.peerToken);
    if (!('opened' in peer)) throw new Error(`refused ${peer.refused}`);
    const closed = new Promise<number>((resolve) => peer.opened.once('close', resolve));
    peer.opened.send('not json');
    peer.opened.send('x'.repeat(64 * 1024 + 1));
    expect(await closed).toBe(1009);
    expect(server.lines).toContain('peerjs error: malformed message');
    expect(server.lines.join('\n')).not.toContain('not json');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('/peerjs reads each parameter once', () => {
  it('refuses an upgrade that names the id, the token or the key twice, so nobody registers an id that was not checked', async () => {
    const base = `${server.wsUrl}/peerjs/peerjs?key=peerjs&id=${minted.peerId}&token=${minted.peerToken}`;
    for (const extra of [`&id=${HEX32}`, `&token=${HEX32}`, '&key=peerjs']) {
      expect(await tryUpgrade(`${base}${extra}`), extra).toEqual({ refused: 403 });
    }
    expect(server.lines.some((line) => line.includes('a query parameter given twice'))).toBe(true);
    // The id was never registered under another name: the minted one is still free for its owner.
    const owner = await connectPeer(server.wsUrl, minted.peerId, minted.peerToken);
    expect(owner).toMatchObject({ first: { type: 'OPEN' } });
    await leave(owner);
  });
});

describe('/peerjs over HTTP', () => {
  it('lets only extension origins read its answers', async () => {
    const read = (origin: string) => fetch(`${server.url}/peerjs/`, { headers: { origin } }).then((r) => r.headers.get('access-control-allow-origin'));
    expect(await read('https://evil.example')).toBeNull();
    expect(await read('chrome-extension://abcdefghijklmnopabcdefghijklmnop')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });
});
