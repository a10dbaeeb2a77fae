import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../server/config';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { Client } from './client';
import { startPostgres, type TestPostgres } from './postgres';
import { connectSession, newDevice, signIn, xServer } from './sign-in-client';

let standIn: XStandIn;
let postgres: TestPostgres;
let dataDir: string;
beforeAll(async () => {
  [standIn, postgres] = await Promise.all([startXStandIn(), startPostgres()]);
  dataDir = mkdtempSync(join(tmpdir(), 'ringside-data-'));
}, 60_000);
afterAll(async () => {
  await Promise.all([standIn.close(), postgres.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const engines: Array<{ engine: string; config: () => Promise<Partial<ServerConfig>> }> = [
  { engine: 'SQLite under DATA_DIR', config: async () => ({ dataDir: mkdtempSync(join(dataDir, 'run-')) }) },
  { engine: 'PostgreSQL', config: async () => ({ databaseUrl: await postgres.createDatabase() }) },
];

describe.each(engines)('a server restart on $engine', ({ config }) => {
  it('keeps a signed-in device signed in, without asking X again, and sign-out everywhere still holds after', async () => {
    const storage = await config();
    let server = await xServer(standIn, storage);
    const id = String(7_000_000 + Math.floor(Math.random() * 1_000_000));
    standIn.setUser({ id, username: `Kim${id}`, name: 'Kim' });
    const [laptop, phone] = [await newDevice(), await newDevice()];
    const [onLaptop, onPhone] = [await signIn(server, standIn, laptop, standIn.logIn(id)), await signIn(server, standIn, phone, standIn.logIn(id))];
    const before = await Client.signInWith(connectSession(server, onLaptop.sessionId, laptop));
    expect(before.handle).toBe(`kim${id}`);
    await server.close();
    await before.closed;

    const usersMe = standIn.calls.usersMe;
    server = await xServer(standIn, storage);
    try {
      const laptopAgain = await Client.signInWith(connectSession(server, onLaptop.sessionId, laptop));
      const phoneAgain = await Client.signInWith(connectSession(server, onPhone.sessionId, phone));
      expect([laptopAgain.handle, phoneAgain.handle]).toEqual([`kim${id}`, `kim${id}`]);
      expect(standIn.calls.usersMe).toBe(usersMe);

      laptopAgain.send({ type: 'sign-out', everywhere: true });
      expect((await phoneAgain.closed).code).toBe(4001);
    } finally {
      await server.close();
    }
    // Signed out everywhere before the next restart: it stays so.
    server = await xServer(standIn, storage);
    try {
      expect((await (await connectSession(server, onPhone.sessionId, phone)).closed).code).toBe(4001);
    } finally {
      await server.close();
    }
  });

  it('ends the sockets on another server sharing the database within 5 s of "sign out of every device"', async () => {
    const storage = await config();
    const [nodeA, nodeB] = [await xServer(standIn, storage), await xServer(standIn, storage)];
    try {
      const id = String(8_000_000 + Math.floor(Math.random() * 1_000_000));
      standIn.setUser({ id, username: `Lou${id}`, name: 'Lou' });
      const [laptop, phone] = [await newDevice(), await newDevice()];
      const onLaptop = await signIn(nodeA, standIn, laptop, standIn.logIn(id));
      const onPhone = await signIn(nodeB, standIn, phone, standIn.logIn(id));
      const laptopSocket = await Client.signInWith(connectSession(nodeA, onLaptop.sessionId, laptop));
      const phoneSocket = await Client.signInWith(connectSession(nodeB, onPhone.sessionId, phone));

      const started = Date.now();
      laptopSocket.send({ type: 'sign-out', everywhere: true });
      expect(await phoneSocket.closed).toEqual({ code: 4001, reason: 'signed out' });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(nodeB.lines.some((line) => line.includes('signed out signed out everywhere'))).toBe(true);
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });
});
