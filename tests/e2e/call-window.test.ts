import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { mkdir } from 'node:fs/promises';
import { openPopup } from './harness/chromium';
import { seriousViolations } from './harness/axe';
import { audible, readInboundMedia, sentTrackSettings, silent, waitForGrowth } from './harness/call-media';
import { callState, waitForState } from './harness/call-window';
import { serverAndTwoPeople } from './harness/two-people';

const people = serverAndTwoPeople();
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
    const { alicePanel, bobPanel } = await people.inCall('video');

    const [aliceCode, bobCode] = await Promise.all([verifyCode(alicePanel), verifyCode(bobPanel)]);
    expect(aliceCode).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(bobCode).toBe(aliceCode);
    await bobPanel.waitForSelector('[data-testid="ringside-quality"][data-quality="good"]');

    await waitForGrowth(bobPanel, energy, audible);
    await bobPanel.waitForSelector('[data-testid="ringside-remote-speaking"]');
    expect(await pressed(alicePanel, 'ringside-mute')).toBe('false');
    await (await alicePanel.waitForSelector('[data-testid="ringside-mute"]'))!.click();
    expect(await pressed(alicePanel, 'ringside-mute')).toBe('true');
    await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]');
    await waitForGrowth(bobPanel, energy, silent);
    expect(await bobPanel.$eval('[data-testid="ringside-announcer"]', (el) => el.textContent)).toBe('@alice is muted');

    await alicePanel.keyboard.down('Control');
    await alicePanel.keyboard.press('d');
    await alicePanel.keyboard.up('Control');
    await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]', { hidden: true });
    await waitForGrowth(bobPanel, energy, audible);

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

  it('audio: survives closing the x.com tabs; no camera is sent until someone turns it on, then video flows and can go picture-in-picture', async () => {
    const { alicePanel, bobPanel, aliceTab, bobTab } = await people.inCall('audio');
    // The call lives in the call window, not in the page it started from.
    await Promise.all([aliceTab.close(), bobTab.close()]);
    expect((await readInboundMedia(alicePanel)).videoTracksSent).toBe(0);
    expect(await pressed(alicePanel, 'ringside-camera')).toBe('true');
    await bobPanel.waitForSelector('.stage[data-stage="person"] [data-testid="ringside-peer-card"][data-handle="alice"]');
    const timerBefore = await bobPanel.$eval('[data-testid="ringside-timer"]', (el) => el.textContent);

    await (await alicePanel.waitForSelector('[data-testid="ringside-camera"]'))!.click();
    await bobPanel.waitForSelector('.stage[data-stage="picture"]');
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
    await alicePanel.waitForSelector('.stage[data-stage="picture"]');
    await waitForGrowth(alicePanel, frames, (grown) => grown > 0);

    await (await alicePanel.waitForSelector('[data-testid="ringside-pip"]'))!.click();
    await alicePanel.waitForFunction(
      () => document.pictureInPictureElement?.getAttribute('data-testid') === 'ringside-remote-video',
    );
  });

  it('screen share replaces the picture the other side sees at its full size, and stopping it brings the camera back', async () => {
    const { alicePanel, bobPanel } = await people.inCall('video');
    const remoteWidth = (check: string) =>
      bobPanel.waitForFunction(
        `(() => { const w = document.querySelector('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0; return ${check}; })()`,
        { timeout: 20_000 },
      );
    await remoteWidth('w > 0');
    await (await alicePanel.waitForSelector('[data-testid="ringside-screen"]'))!.click();
    await alicePanel.waitForSelector('[data-testid="ringside-screen"][aria-pressed="true"]');
    const screen = await sentTrackSettings(alicePanel, 'video');
    expect(screen).toMatchObject({ displaySurface: 'monitor', contentHint: 'detail' });
    await bobPanel.waitForSelector('[data-testid="ringside-remote-sharing"]');
    // A busy machine scales the camera down (1280, 960, 640…) but never the screen, whose text must stay
    // legible: Bob sees exactly the shared width, which no step of the camera's scaling produces.
    await remoteWidth(`w === ${screen!.width}`);
    await waitForGrowth(bobPanel, frames, (grown) => grown > 0);

    await (await alicePanel.$('[data-testid="ringside-screen"]'))!.click();
    await bobPanel.waitForSelector('[data-testid="ringside-remote-sharing"]', { hidden: true });
    await alicePanel.waitForSelector('[data-testid="ringside-screen"][aria-pressed="false"]');
    expect((await sentTrackSettings(alicePanel, 'video'))?.displaySurface).toBeUndefined();
    await remoteWidth(`w > 0 && w !== ${screen!.width}`);
  });

  it('devices: another microphone mid-call keeps the sound going, another speaker plays it; the choice is labelled', async () => {
    const { alicePanel, bobPanel } = await people.inCall('audio');
    await (await alicePanel.waitForSelector('[data-testid="ringside-devices"]'))!.click();
    const select = await alicePanel.waitForSelector('[data-testid="ringside-microphone"]');
    const { current, options } = await select!.evaluate((el) => ({
      current: (el as HTMLSelectElement).value,
      options: [...(el as HTMLSelectElement).options].map((o) => o.value),
    }));
    const other = options.find((id) => id !== current && id !== 'default');
    expect(other, `fake microphones: ${options.join(', ')}`).toBeDefined();
    await select!.select(other!);
    await alicePanel.waitForFunction(
      (id) => document.querySelector<HTMLSelectElement>('[data-testid="ringside-microphone"]')?.value === id,
      {},
      other,
    );
    expect((await sentTrackSettings(alicePanel, 'audio'))?.deviceId).toBe(other);
    await waitForGrowth(bobPanel, energy, audible);

    const speakers = await alicePanel.$$eval('[data-testid="ringside-speaker"] option', (options) =>
      options.map((o) => (o as HTMLOptionElement).value).filter((id) => id !== '' && id !== 'default'),
    );
    await alicePanel.select('[data-testid="ringside-speaker"]', speakers[0]!);
    await alicePanel.waitForFunction(
      (id) => document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.sinkId === id,
      {},
      speakers[0],
    );
    expect(await seriousViolations(alicePanel)).toEqual([]);
  });

  it('accessibility: no serious or critical axe violations in the call window and the popup, light and dark, narrow and wide', async () => {
    const { alice, alicePanel, bobPanel } = await people.inCall('video');
    await (await alicePanel.waitForSelector('[data-testid="ringside-mute"]'))!.click();
    await bobPanel.waitForSelector('[data-testid="ringside-remote-muted"]');
    await verifyCode(bobPanel);
    await bobPanel.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid="ringside-remote-video"]')?.videoWidth ?? 0) > 0,
    );
    await mkdir('.output/screenshots', { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await bobPanel.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const [size, width, height] of [['narrow', 320, 640], ['wide', 900, 600]] as const) {
        await bobPanel.setViewport({ width, height });
        const overflow = await bobPanel.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${scheme} ${size}: nothing wider than the window`).toBeLessThanOrEqual(0);
        expect(await seriousViolations(bobPanel), `${scheme} ${size}`).toEqual([]);
        await bobPanel.screenshot({ path: `.output/screenshots/call-window-${scheme}-${size}.png` });
      }
    }
    const popup = await openPopup(alice);
    await popup.waitForSelector('[data-testid="ringside-self"]');
    expect(await seriousViolations(popup)).toEqual([]);
  });
});

