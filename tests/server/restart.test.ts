import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { befriend, Client, makeContacts, testServer } from './client';
import { connectSession, newDevice, signIn, xServer, type XServer } from './sign-in-client';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function signInAgain(wsUrl: string, handle: string) {
  const client = await Client.open(wsUrl);
  client.send({ type: 'hello', v: 1, auth: { kind: 'dev', handle } });
  return { client, welcome: await client.next('welcome') };
}

describe('the welcome names the calls the server knows', () => {
  it('lists a ring still waiting for the person, so their devices keep it', async () => {
    const server = await testServer();
    servers.push(server);
    await makeContacts(server.wsUrl, 'alice', 'bob');
    const alice = await Client.signIn(server.wsUrl, 'alice');
    await Client.signIn(server.wsUrl, 'bob');
    const callId = alice.ring('bob');
    await alice.next('ringing');
    const { welcome } = await signInAgain(server.wsUrl, 'bob');
    expect(welcome.calls).toEqual([callId]);
  });

  it('after a restart that could not keep a ring lists none, so the extension ends it in words', async () => {
    // A database in memory keeps nothing, and a caller under development sign-in could not be known again.
    const first = await testServer();
    await makeContacts(first.wsUrl, 'alice', 'bob');
    const alice = await Client.signIn(first.wsUrl, 'alice');
    await Client.signIn(first.wsUrl, 'bob');
    alice.ring('bob');
    await alice.next('ringing');
    await first.close();
    const second = await testServer({ port: first.port });
    servers.push(second);
    for (const handle of ['alice', 'bob']) expect((await signInAgain(second.wsUrl, handle)).welcome.calls).toEqual([]);
  });
});

describe('a single node stopped on purpose', () => {
  let standIn: XStandIn;
  let dataDir: string;
  beforeAll(async () => {
    standIn = await startXStandIn();
    dataDir = mkdtempSync(join(tmpdir(), 'ringside-restart-'));
  });
  afterAll(async () => {
    await standIn?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** An X account signed in on a new install: its session reconnects after the restart as the extension would. */
  async function install(server: XServer, id: string, username: string) {
    standIn.setUser({ id, username, name: username });
    const device = await newDevice();
    const { sessionId } = await signIn(server, standIn, device, standIn.logIn(id));
    return (to: XServer) => Client.signInWith(connectSession(to, sessionId, device));
  }

  it('carries a ring over in its database: the callee rings again once, and the caller hears how it ends', async () => {
    const first = await xServer(standIn, { dataDir });
    const [aliceInstall, bobInstall] = [await install(first, '901', 'alice'), await install(first, '902', 'bob')];
    const [alice, bob] = [await aliceInstall(first), await bobInstall(first)];
    await befriend(alice, bob);
    const callId = alice.ring('bob', 'audio');
    const ring = await bob.next('ring');
    await first.close();

    const second = await xServer(standIn, { dataDir, port: first.port });
    servers.push(second);
    const bobAgain = await bobInstall(second);
    const aliceAgain = await aliceInstall(second);
    expect(await bobAgain.next('ring')).toEqual(ring);
    bobAgain.send({ type: 'decline', callId });
    expect(await aliceAgain.next('ended')).toEqual({ type: 'ended', callId, reason: 'declined' });
    expect(bobAgain.received.filter((m) => m.type === 'ring')).toEqual([]);
  });
});
