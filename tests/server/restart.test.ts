import { afterEach, describe, expect, it } from 'vitest';
import { Client, makeContacts, testServer } from './client';

const servers: Array<Awaited<ReturnType<typeof testServer>>> = [];
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

  it('after a restart lists none, so a caller and a callee whose ring was lost can end it', async () => {
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
