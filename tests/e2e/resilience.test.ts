import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from './harness/chromium';
import { clickCall, expectEnded, waitForState } from './harness/call-window';
import { extensionPage } from './harness/chromium';
import { waitUntilOnline } from './harness/presence';
import { openX } from './harness/x-site';
import { E2E_EXTENSION_DIR, launch, startE2EServer } from './harness/world';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { timeline, tweet } from '../fixtures/x/people-pages';
import type { RunningServer } from '../../server/app';

let server: RunningServer | undefined;
const people: Person[] = [];

afterEach(async () => {
  await Promise.all(people.splice(0).map((p) => p.close()));
  await server?.close();
  server = undefined;
});

async function person(name: string, lang?: string) {
  const p = await launch(name, lang);
  people.push(p);
  return p;
}

async function toastArrives(bob: Person, bobTab: Awaited<ReturnType<typeof openX>>, from: string) {
  const toast = await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { timeout: 15_000 });
  expect(await toast!.evaluate((el) => el.getAttribute('data-handle'))).toBe(from);
}

describe('what the person is told', () => {
  it('calling someone who is not online says they are not available, at once (as a refused call would)', async () => {
    server = await startE2EServer();
    const alice = await person('alice');
    const tab = await openX(alice, 'https://x.com/carol', profileLoggedIn('alice', 'carol', 'Carol'));
    await waitUntilOnline(alice, 'alice');
    const { panel } = await clickCall(alice, tab, 'carol', 'audio');
    await expectEnded(panel, 'unavailable', '@carol isn’t available right now');
  });

  it('nobody answers: the ring stops at the callee and the caller reads "No answer"', async () => {
    server = await startE2EServer({ RING_TIMEOUT_MS: '2000' });
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    const { panel } = await clickCall(alice, aliceTab, 'bob', 'video');
    await toastArrives(bob, bobTab, 'alice');
    await expectEnded(panel, 'no-answer', 'No answer');
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
  });

  it('the popup shows who you are, marked unverified in development sign-in', async () => {
    server = await startE2EServer();
    const alice = await person('alice');
    await openX(alice, 'https://x.com/home', home('Alice'));
    await waitUntilOnline(alice, 'alice');
    const popup = await alice.browser.newPage();
    await popup.goto(`chrome-extension://${alice.extensionId}/popup.html`);
    const self = await popup.waitForSelector('[data-testid="ringside-self"][data-handle="alice"]');
    expect(await self!.evaluate((el) => el.getAttribute('data-verified'))).toBe('false');
    expect(await self!.evaluate((el) => el.textContent)).toContain('Unverified');
  });

  it('speaks French to a browser in French', async () => {
    const alice = await person('alice', 'fr');
    const tab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const button = await tab.waitForSelector('pierce/[data-testid="ringside-call-video"]');
    expect(await button!.evaluate((el) => el.getAttribute('aria-label'))).toBe('Appel vidéo avec @bob');
  });
});

describe('what survives', () => {
  it('a killed service worker: the next x.com page brings Bob back online and the ring reaches him', async () => {
    server = await startE2EServer();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await openX(bob, 'https://x.com/home', home('bob'));
    await waitUntilOnline(bob, 'bob');

    const workerTarget = await bob.browser.waitForTarget((t) => t.type() === 'service_worker');
    await (await workerTarget.worker())!.close();
    await bob.browser.waitForTarget((t) => t === workerTarget, { timeout: 1 }).catch(() => null);

    const bobTab = await openX(bob, 'https://x.com/explore', home('bob'));
    await waitUntilOnline(bob, 'bob');
    await waitUntilOnline(alice, 'alice');
    await clickCall(alice, aliceTab, 'bob', 'video');
    await toastArrives(bob, bobTab, 'alice');
  });

  it('a server restart mid-ring: the caller reads that the connection was lost, and the toast leaves the callee', async () => {
    server = await startE2EServer();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    const { panel } = await clickCall(alice, aliceTab, 'bob', 'audio');
    await toastArrives(bob, bobTab, 'alice');

    await server.close();
    server = await startE2EServer();
    // Both reconnect within a few seconds; the new server's welcome names no call. (Without it the caller
    // waited for a ring that no longer existed, and the callee's toast stayed for the ring's 45 s.)
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true, timeout: 8_000 });
    await expectEnded(panel, 'connection-lost', 'The connection was lost');
  });

  it('a ring survives a killed service worker: Bob accepts from the toast he still sees and the call connects', async () => {
    server = await startE2EServer();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    const { panel: alicePanel } = await clickCall(alice, aliceTab, 'bob', 'audio');
    await toastArrives(bob, bobTab, 'alice');

    const workerTarget = await bob.browser.waitForTarget((t) => t.type() === 'service_worker');
    await (await workerTarget.worker())!.close();

    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-audio"]'))!.click();
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await waitForState(bobPanel, 'connected', 20_000);
    await waitForState(alicePanel, 'connected');
    // Cleared through the restarted worker's broadcast, which can land a moment after the call connects.
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true, timeout: 5_000 });
  });

  it("an update while x.com is open: the tab's old buttons give way to working ones, without a reload", async () => {
    server = await startE2EServer();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const aliceTab = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]));
    const bobTab = await openX(bob, 'https://x.com/alice', profileLoggedIn('bob', 'alice', 'Alice'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    const old = await aliceTab.waitForSelector('ringside-call-buttons');
    await old!.evaluate((host) => host.setAttribute('data-test-old', ''));

    // Installing the same unpacked extension again is how Chromium updates it: a new worker starts (told
    // 'update'), and the script already in the tab is cut off from the extension.
    await alice.browser.installExtension(E2E_EXTENSION_DIR);
    await aliceTab.waitForFunction(
      () => {
        const hosts = document.querySelectorAll('ringside-call-buttons');
        return hosts.length === 1 && !hosts[0]!.hasAttribute('data-test-old');
      },
      { timeout: 15_000 },
    );
    await waitUntilOnline(alice, 'alice');
    // Counted from here, once the page has been handed over, with where each error came from.
    const errors: string[] = [];
    aliceTab.on('pageerror', (error) => errors.push((error instanceof Error && error.stack) || String(error)));

    // The new copy shows rings...
    const { panel: bobPanel } = await clickCall(bob, bobTab, 'alice', 'audio');
    await toastArrives(alice, aliceTab, 'bob');
    await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-decline"]'))!.click();
    await expectEnded(bobPanel, 'declined', '@alice declined');
    // ...and its tweet button opens its choice and calls.
    await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-call-menu"]'))!.click();
    await (await aliceTab.waitForSelector('ringside-call-buttons >>> [role="menu"]:popover-open [data-testid="ringside-call-video"]'))!.click();
    await toastArrives(bob, bobTab, 'alice');
    // The old copy let go of the page: had it kept listening, each click would also reach it and fail
    // ("Extension context invalidated").
    expect(errors).toEqual([]);
  });

  it('a server restart: both reconnect on their own and can call again', async () => {
    server = await startE2EServer();
    const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);

    await server.close();
    server = await startE2EServer();
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    await clickCall(alice, aliceTab, 'bob', 'audio');
    await toastArrives(bob, bobTab, 'alice');
  });
});
