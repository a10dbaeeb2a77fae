import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { openPopup, type Person } from './harness/chromium';
import { logInToX, signInWithX } from './harness/sign-in';
import { launch, startE2EServer } from './harness/world';

let standIn: XStandIn;
let dataDir: string;
let profile: string;
beforeAll(async () => {
  standIn = await startXStandIn();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ringside-data-'));
  profile = await mkdtemp(path.join(tmpdir(), 'ringside-profile-'));
});
afterAll(async () => {
  await standIn.close();
  await Promise.all([rm(dataDir, { recursive: true, force: true }), rm(profile, { recursive: true, force: true })]);
});

describe('Sign in with X across restarts', () => {
  it('keeps the person signed in when both the browser and the server restart', async () => {
    const env = { RINGSIDE_AUTH: 'x', DATA_DIR: dataDir, ...standIn.env };
    standIn.setUser({ id: '6161', username: 'Mona', name: 'Mona' });
    let server: RunningServer = await startE2EServer(env);
    let mona: Person | undefined = await launch('mona', undefined, { profile });
    try {
      await logInToX(mona, standIn, '6161');
      await signInWithX(mona, 'mona');
      const usersMe = standIn.calls.usersMe;
      await mona.close();
      await server.close();

      server = await startE2EServer(env);
      mona = await launch('mona', undefined, { profile });
      const popup = await openPopup(mona);
      // Verified and connected again, without the sign-in button and without asking X.
      await popup.waitForSelector('[data-testid="ringside-self"][data-handle="mona"][data-verified="true"][data-connected="true"]', { timeout: 20_000 });
      expect(await popup.$('[data-testid="ringside-sign-in"]')).toBeNull();
      expect(standIn.calls.usersMe).toBe(usersMe);
    } finally {
      await mona?.close();
      await server.close();
    }
  });
});
