import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { openPopup, type Person } from './harness/chromium';
import { logInToX, signInWithX } from './harness/sign-in';
import { launch, startE2EServer } from './harness/world';

let standIn: XStandIn;
let server: RunningServer;
let alice: Person | undefined;

beforeAll(async () => {
  standIn = await startXStandIn();
  server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env });
});
afterAll(async () => {
  await server.close();
  await standIn.close();
});
afterEach(async () => {
  await alice?.close();
});

describe('Sign in with X', () => {
  it('signs in through X’s authorize page, shows the verified handle, and signs out', async () => {
    standIn.setUser({ id: '4242', username: 'Alice', name: 'Alice A.' });
    alice = await launch('alice');
    await logInToX(alice, standIn, '4242');
    const before = standIn.calls.usersMe;

    const popup = await signInWithX(alice, 'alice');
    expect(standIn.calls.authorize).toBeGreaterThan(0);
    expect(standIn.calls.usersMe - before).toBe(1);
    expect(await popup.$eval('[data-testid="ringside-self"]', (el) => el.textContent)).toContain('Verified with X');

    await (await popup.waitForSelector('[data-testid="ringside-sign-out"]'))!.click();
    await popup.waitForSelector('[data-testid="ringside-sign-in"]');
    expect(await popup.$eval('[data-testid="ringside-self"]', (el) => el.getAttribute('data-verified'))).not.toBe('true');
  });

  it('tells the person in words when they are not logged in to X and close its page', async () => {
    alice = await launch('alice');
    const popup = await openPopup(alice);
    await (await popup.waitForSelector('[data-testid="ringside-sign-in"]'))!.click();
    // The stand-in shows its log-in page; the person closes the window without logging in.
    const xPage = await alice.browser.waitForTarget((t) => t.url().startsWith(`${standIn.origin}/i/oauth2/authorize`));
    await (await xPage.asPage()).close();
    const error = await popup.waitForSelector('[data-testid="ringside-sign-in-error"]', { timeout: 15_000 });
    expect(await error!.evaluate((el) => el.textContent)).toBe('Sign-in was cancelled before X answered.');
  });
});

describe('sign out of every device', () => {
  let laptop: Person | undefined;
  afterEach(async () => {
    await laptop?.close();
  });

  it('closes the other device’s session within 5 s', async () => {
    standIn.setUser({ id: '5151', username: 'carol', name: 'Carol' });
    [alice, laptop] = await Promise.all([launch('carol-phone'), launch('carol-laptop')]);
    await Promise.all([logInToX(alice, standIn, '5151'), logInToX(laptop, standIn, '5151')]);
    const phonePopup = await signInWithX(alice, 'carol');
    const laptopPopup = await signInWithX(laptop, 'carol');

    await (await phonePopup.waitForSelector('[data-testid="ringside-sign-out-everywhere"]'))!.click();
    await laptopPopup.waitForSelector('[data-testid="ringside-sign-in"]', { timeout: 5000 });
    expect(await laptopPopup.$eval('[data-testid="ringside-self"]', (el) => el.getAttribute('data-handle'))).toBeNull();
  });
});
