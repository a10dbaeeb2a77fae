import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { extensionPage, type Person } from './harness/chromium';
import { readInboundMedia, waitForGrowth } from './harness/call-media';
import { callState, clickCall, waitForState } from './harness/call-window';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import type { RunningServer } from '../../server/app';

let server: RunningServer;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  server = await startE2EServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all([alice?.close(), bob?.close()]);
});

/** Alice calls Bob from his profile, Bob accepts from the toast: both call windows end up connected. */
async function connectedCall(media: 'audio' | 'video') {
  [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
  const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  const { panel: alicePanel } = await clickCall(alice, aliceTab, 'bob', media);
  await (await bobTab.waitForSelector(`pierce/[data-testid="ringside-accept-${media}"]`, { timeout: 15_000 }))!.click();
  const bobPanel = await extensionPage(bob, 'sidepanel.html');
  await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
  return { alicePanel, bobPanel };
}

const pressed = (page: Page, testid: string) =>
  page.$eval(`[data-testid="${testid}"]`, (el) => el.getAttribute('aria-pressed'));

async function verifyCode(page: Page) {
  const code = await page.waitForSelector('[data-testid="ringside-verify-code"]', { timeout: 10_000 });
  return code!.evaluate((el) => el.textContent);
}

const energy = (m: { audioEnergy: number }) => m.audioEnergy;
const frames = (m: { framesDecoded: number }) => m.framesDecoded;

describe('the call window', () => {
  it('video: same verification code on both sides; mute and camera off show on the other side and stop what arrives', async () => {
    const { alicePanel, bobPanel } = await connectedCall('video');

    const [aliceCode, bobCode] = await Promise.all([verifyCode(alicePanel), verifyCode(bobPanel)]);
    expect(aliceCode).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(bobCode).toBe(aliceCode);

    await waitForGrowth(bobPanel, energy, (grown) => grown > 0);
    expect(await pressed(alicePanel, 'ringside-mute')).toBe('false');
    await (await alicePanel.waitForSelector('[data-testid="ringside-mute"]'))!.click();
    expect(await pressed(alicePanel, 'ringside-mute')).toBe('true');
    await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]');
    await waitForGrowth(bobPanel, energy, (grown) => grown === 0);
    expect(await bobPanel.$eval('[data-testid="ringside-announcer"]', (el) => el.textContent)).toBe('@alice is muted');

    await alicePanel.keyboard.down('Control');
    await alicePanel.keyboard.press('d');
    await alicePanel.keyboard.up('Control');
    await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]', { hidden: true });
    await waitForGrowth(bobPanel, energy, (grown) => grown > 0);

    await waitForGrowth(bobPanel, frames, (grown) => grown > 0);
    await alicePanel.keyboard.down('Control');
    await alicePanel.keyboard.press('e');
    await alicePanel.keyboard.up('Control');
    await bobPanel.waitForSelector('[data-testid="ringside-remote-camera-off"]');
    expect(await pressed(alicePanel, 'ringside-camera')).toBe('true');
    await waitForGrowth(bobPanel, frames, (grown) => grown === 0);
    // The audio keeps flowing, so the call stays connected while the picture is off.
    expect((await callState(bobPanel)).state).toBe('connected');

    await (await alicePanel.$('[data-testid="ringside-camera"]'))!.click();
    await bobPanel.waitForSelector('[data-testid="ringside-remote-camera-off"]', { hidden: true });
    await waitForGrowth(bobPanel, frames, (grown) => grown > 0);

    await bobPanel.keyboard.down('Control');
    await bobPanel.keyboard.down('Shift');
    await bobPanel.keyboard.press('H');
    await bobPanel.keyboard.up('Shift');
    await bobPanel.keyboard.up('Control');
    await waitForState(alicePanel, 'ended');
    expect((await callState(alicePanel)).reason).toBe('remote-hangup');
  });

  it('audio: no camera is sent until someone turns it on, then video flows without a new call', async () => {
    const { alicePanel, bobPanel } = await connectedCall('audio');
    expect((await readInboundMedia(alicePanel)).videoTracksSent).toBe(0);
    expect(await pressed(alicePanel, 'ringside-camera')).toBe('true');
    await bobPanel.waitForSelector('[data-testid="ringside-remote-camera-off"]');
    const timerBefore = await bobPanel.$eval('[data-testid="ringside-timer"]', (el) => el.textContent);

    await (await alicePanel.waitForSelector('[data-testid="ringside-camera"]'))!.click();
    await bobPanel.waitForSelector('[data-testid="ringside-remote-camera-off"]', { hidden: true });
    await waitForGrowth(bobPanel, frames, (grown) => grown > 0);
    await bobPanel.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0) > 0,
    );
    expect((await readInboundMedia(alicePanel)).videoTracksSent).toBe(1);
    expect((await callState(bobPanel)).state).toBe('connected');
    expect(await bobPanel.$eval('[data-testid="ringside-timer"]', (el) => el.textContent)).not.toBe('');
    expect(timerBefore).toMatch(/^0:\d\d$/);

    // Bob answers with his own camera over the slot Alice opened.
    await (await bobPanel.waitForSelector('[data-testid="ringside-camera"]'))!.click();
    await alicePanel.waitForSelector('[data-testid="ringside-remote-camera-off"]', { hidden: true });
    await waitForGrowth(alicePanel, frames, (grown) => grown > 0);
  });
});
