import { describe, expect, it } from 'vitest';
import { extensionPage, type Person } from './harness/chromium';
import { seriousViolations } from './harness/axe';
import { callState, clickCall, waitForState } from './harness/call-window';
import { openX } from './harness/x-site';
import { serverAndTwoPeople } from './harness/two-people';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { waitUntilOnline } from './harness/presence';

const people = serverAndTwoPeople();
let alice: Person;
let bob: Person;

/** Alice has never allowed camera or microphone: her browser would ask, and a side panel cannot. */
async function aliceCallsForTheFirstTime() {
  ({ alice, bob } = await people.launch({ alice: { fakeMediaUi: false } }));
  const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);
  const { panel } = await clickCall(alice, aliceTab, 'bob', 'video');
  const permission = await extensionPage(alice, 'permission.html');
  await permission.waitForSelector('[data-testid="ringside-permission"][data-step="ask"]');
  return { bobTab, alicePanel: panel, permission };
}

describe('camera and microphone permission', () => {
  it('the first call opens a tab that asks; once allowed, the call goes on by itself', async () => {
    const { bobTab, alicePanel, permission } = await aliceCallsForTheFirstTime();
    expect(await seriousViolations(permission)).toEqual([]);
    // Nobody is rung while Alice has not answered the tab: Bob would wait for a call that may never come.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await bobTab.$('pierce/[data-testid="ringside-incoming"]')).toBeNull();
    expect((await callState(alicePanel)).state).toBe('outgoing');
    // What the person's "Allow" in the browser's prompt does.
    await alice.browser.defaultBrowserContext().overridePermissions(`chrome-extension://${alice.extensionId}`, ['camera', 'microphone']);
    await (await permission.$('[data-testid="ringside-permission-allow"]'))!.click();
    await permission.waitForSelector('[data-testid="ringside-permission"][data-step="granted"]');

    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]', { timeout: 15_000 }))!.click();
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
    await bobPanel.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0) > 0,
    );
  });

  it('refused: the tab and the call window say what to do', async () => {
    const { alicePanel, permission } = await aliceCallsForTheFirstTime();
    const cdp = await alice.browser.target().createCDPSession();
    for (const name of ['microphone', 'camera']) {
      await cdp.send('Browser.setPermission', {
        permission: { name },
        setting: 'denied',
        origin: `chrome-extension://${alice.extensionId}`,
      });
    }
    await (await permission.$('[data-testid="ringside-permission-allow"]'))!.click();
    await permission.waitForSelector('[data-testid="ringside-permission"][data-step="denied"]');
    expect(await permission.$eval('[role="status"]', (el) => el.textContent)).toMatch(/address bar/);
    await waitForState(alicePanel, 'ended');
    expect(await callState(alicePanel)).toMatchObject({ reason: 'media-denied', text: expect.stringMatching(/Allow them/) });
  });

  it('camera refused, microphone allowed: the video call goes on with sound, the camera shown as off', async () => {
    const { bobTab, alicePanel, permission } = await aliceCallsForTheFirstTime();
    // The microphone allowed and every other permission refused, by the same call as the first test's.
    await alice.browser.defaultBrowserContext().overridePermissions(`chrome-extension://${alice.extensionId}`, ['microphone']);
    await (await permission.$('[data-testid="ringside-permission-allow"]'))!.click();
    await permission.waitForSelector('[data-testid="ringside-permission"][data-step="microphone-only"]');

    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]', { timeout: 15_000 }))!.click();
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
    await bobPanel.waitForSelector('[data-testid="ringside-remote-camera-off"]');
    expect(await alicePanel.$eval('[data-testid="ringside-camera"]', (el) => el.getAttribute('aria-pressed'))).toBe('true');
    await (await alicePanel.$('[data-testid="ringside-camera"]'))!.click();
    const failure = await alicePanel.waitForSelector('[data-testid="ringside-control-failure"]');
    expect(await failure!.evaluate((el) => el.textContent)).toMatch(/^The camera can’t be used/);
    expect((await callState(alicePanel)).state).toBe('connected');
  });
});
