import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import type { RunningServer } from '../../server/app';
import { startXStandIn, type XStandIn } from '../fixtures/x-oauth/stand-in';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { selectedCandidatePairs } from './harness/candidate-pair';
import { callState, clickCall, waitForState } from './harness/call-window';
import { waitUntilOnline } from './harness/presence';
import { extensionPage, openPopup, type Person } from './harness/chromium';
import { startCoturn, type TestTurn } from './harness/coturn';
import { readMediaStats } from './harness/media-stats';
import { logInToX, signInWithX } from './harness/sign-in';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';
import { addContactInPopup } from './harness/reach';

let standIn: XStandIn;
let turn: TestTurn;
let server: RunningServer;
let alice: Person | undefined;
let bob: Person | undefined;

afterEach(async () => {
  await Promise.all([alice?.close(), bob?.close()]);
});

/** Ticks "Always relay my calls" in the popup: the account's setting, kept by the server. */
async function alwaysRelay(popup: Page): Promise<void> {
  await (await popup.waitForSelector('[data-testid="ringside-always-relay"]'))!.click();
  await popup.waitForSelector('[data-testid="ringside-always-relay"]:checked');
}

/** Signs the person in with X, adds the other as a contact in the popup (Enter in the field) and ticks "Always relay my calls". */
async function signedInHidingIp(person: Person, userId: string, handle: string, contact: string): Promise<void> {
  await logInToX(person, standIn, userId);
  const popup = await signInWithX(person, handle);
  await addContactInPopup(popup, contact);
  await alwaysRelay(popup);
  await popup.close();
}

async function expectRelayedBothWays(panel: Page) {
  const pairs = await selectedCandidatePairs(panel);
  expect(pairs).toEqual([{ local: 'relay', remote: 'relay' }]);
}

describe('always relay, signed in with X', () => {
  beforeAll(async () => {
    [standIn, turn] = await Promise.all([startXStandIn(), startCoturn()]);
    // Signed in with X, nobody can speak for Alice and Bob: they make each other contacts in their popups.
    server = await startE2EServer({ RINGSIDE_AUTH: 'x', ...standIn.env, TURN_SECRET: turn.secret, TURN_URLS: turn.url });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all([standIn.close(), turn.stop()]);
  });

  it('makes a relay-only call through coturn: the selected pair is relay on both sides', async () => {
    standIn.setUser({ id: '7001', username: 'alice', name: 'Alice' });
    standIn.setUser({ id: '7002', username: 'bob', name: 'Bob' });
    [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
    await Promise.all([signedInHidingIp(alice, '7001', 'alice', 'bob'), signedInHidingIp(bob, '7002', 'bob', 'alice')]);

    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const { panel: alicePanel } = await clickCall(alice, aliceTab, 'bob', 'video');
    const toast = await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"][data-verified="true"]', { timeout: 15_000 });
    expect(await toast!.evaluate((el) => el.textContent)).not.toMatch(/Unverified/);
    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]'))!.click();
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await Promise.all([waitForState(alicePanel, 'connected', 30_000), waitForState(bobPanel, 'connected', 30_000)]);

    await expectRelayedBothWays(alicePanel);
    await expectRelayedBothWays(bobPanel);
    expect((await readMediaStats(bobPanel)).framesDecoded).toBeGreaterThan(0);
    await (await alicePanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await waitForState(bobPanel, 'ended');
  });

});

describe('always relay on a server without TURN', () => {
  beforeAll(async () => {
    server = await startE2EServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('says so in the settings, and a call ends in words before ringing rather than reveal the address', async () => {
    [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await waitUntilOnline(alice, 'alice');
    await waitUntilOnline(bob, 'bob');
    const popup = await openPopup(alice);
    await alwaysRelay(popup);
    expect(await (await popup.waitForSelector('[data-testid="ringside-relay-missing"]'))!.evaluate((el) => el.textContent)).toBe(
      'This server cannot hide your IP address',
    );
    await popup.close();
    const { panel: alicePanel } = await clickCall(alice, aliceTab, 'bob', 'video');
    await waitForState(alicePanel, 'ended', 20_000);
    expect(await callState(alicePanel)).toMatchObject({ reason: 'relay-unavailable', text: 'This server cannot hide your IP address, so the call was not placed' });
    expect(await bobTab.$('pierce/[data-testid="ringside-incoming"]')).toBeNull();
  });
});
