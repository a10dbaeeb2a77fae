import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { mkdir } from 'node:fs/promises';
import { extensionPage } from './harness/chromium';
import { seriousViolations } from './harness/axe';
import { callState, clickCall, waitForState } from './harness/call-window';
import { serverAndTwoPeople } from './harness/two-people';
import { launch } from './harness/world';
import { openX } from './harness/x-site';
import { profileLoggedIn, sideNav } from '../fixtures/x/pages';

const people = serverAndTwoPeople();
const SHOTS = '.output/screenshots';
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent);
const TOAST = 'ringside-incoming-call';

describe('the call window, as a new user meets it', () => {
  it('audio: the person instead of an empty stage, your initial, hang-up where a video call has it; a second call button says why not; Call again rings again; the toast in X’s dark theme', async () => {
    const { alicePanel, bobPanel, aliceTab, bobTab } = await people.inCall('audio');

    // The other person, large, and nobody "turned the camera off" in an audio call.
    await bobPanel.waitForSelector('.stage[data-stage="person"] [data-testid="ringside-peer-card"][data-handle="alice"]');
    expect(await bobPanel.$('[data-testid="ringside-remote-camera-off"]')).toBeNull();
    expect(await text(bobPanel, '.stage [data-testid="ringside-peer-card"]')).toContain('@alice');
    // Your own camera off: your initial, labelled, not a grey box.
    expect(await text(alicePanel, '[data-testid="ringside-self-off"]')).toBe('A');
    expect(await alicePanel.$eval('[data-testid="ringside-self-off"]', (el) => el.getAttribute('aria-label'))).toBe('Your camera is off');
    // Every control is there in an audio call too, so hang-up sits where a video call has it: last of six.
    expect(await alicePanel.$$eval('[role="toolbar"] button', (els) => els.map((el) => el.getAttribute('data-testid')))).toEqual([
      'ringside-mute', 'ringside-camera', 'ringside-screen', 'ringside-devices', 'ringside-pip', 'ringside-hangup',
    ]);

    // A call button on X during the call: words, not silence.
    await (await aliceTab.waitForSelector('ringside-call-buttons[data-ringside-handle="bob"] >>> [data-testid="ringside-call-video"]'))!.click();
    const notice = await alicePanel.waitForSelector('[data-testid="ringside-notice"][data-kind="in-call"]');
    expect(await notice!.evaluate((el) => el.textContent)).toContain('You’re already in a call with @bob.');
    expect((await callState(alicePanel)).state).toBe('connected');
    expect(await seriousViolations(alicePanel)).toEqual([]);

    await mkdir(SHOTS, { recursive: true });
    await bobPanel.setViewport({ width: 360, height: 640 });
    await bobPanel.screenshot({ path: `${SHOTS}/call-window-audio.png` });
    expect(await seriousViolations(bobPanel)).toEqual([]);

    // Over: the empty stage goes; Call again rings Bob again, here in X's lights-out theme.
    await (await alicePanel.$('[data-testid="ringside-hangup"]'))!.click();
    await waitForState(alicePanel, 'ended');
    expect(await alicePanel.$eval('.stage', (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await alicePanel.$('[data-testid="ringside-notice"]')).toBeNull();
    await alicePanel.setViewport({ width: 360, height: 640 });
    await alicePanel.screenshot({ path: `${SHOTS}/call-window-ended.png` });
    expect(await seriousViolations(alicePanel)).toEqual([]);
    await bobTab.evaluate(() => (document.body.style.backgroundColor = 'rgb(0, 0, 0)'));
    await (await alicePanel.waitForSelector('[data-testid="ringside-call-again"][data-media="audio"]'))!.click();
    await waitForState(alicePanel, 'outgoing');
    const toast = await bobTab.waitForSelector(`pierce/[data-testid="ringside-incoming"][data-handle="alice"]`, { timeout: 15_000 });
    expect(await toast!.evaluate((el) => (el as HTMLElement).dataset.theme)).toBe('dark');
    expect(await toast!.evaluate((el) => el.querySelector('.meta')?.textContent)).toMatch(/^Audio call\d+ s left$/);
    expect(await seriousViolations(bobTab, TOAST)).toEqual([]);
    await bobTab.setViewport({ width: 800, height: 600 });
    const box = await (await bobTab.$(TOAST))!.evaluate((host) => {
      const r = host.shadowRoot!.querySelector('.toast')!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    await bobTab.screenshot({ path: `${SHOTS}/toast-x-dark-unverified.png`, clip: { x: box.x - 24, y: box.y - 24, width: box.width + 48, height: box.height + 48 } });
  });

  it('signed out of Ringside: a call button says “Sign in to Ringside”, not that the server is unreachable', async () => {
    const carol = await launch('carol');
    try {
      // Logged out of X as well: the page names nobody, so Ringside knows nobody.
      const tab = await openX(carol, 'https://x.com/bob', profileLoggedIn('carol', 'bob', 'Bob').replace(sideNav('carol'), ''));
      const { panel } = await clickCall(carol, tab, 'bob', 'audio');
      const notice = await panel.waitForSelector('[data-testid="ringside-notice"][data-kind="sign-in"]');
      expect(await notice!.evaluate((el) => el.textContent)).toContain('Sign in to Ringside to call @bob.');
      expect(await text(panel, '[data-testid="ringside-notice-sign-in"]')).toBe('Sign in to Ringside');
      expect((await callState(panel)).state).toBe('idle');
      expect(await panel.evaluate(() => document.body.textContent)).not.toMatch(/reach the Ringside server/);
      expect(await seriousViolations(panel)).toEqual([]);
      // It opens the popup, where signing in lives (a browser that refuses would get the same sign-in here).
      await (await panel.$('[data-testid="ringside-notice-sign-in"]'))!.click();
      const popup = await extensionPage(carol, 'popup.html', 5_000);
      // Sign in with X, or on this development server the words that say how it signs people in.
      await popup.waitForSelector('[data-testid="ringside-sign-in"], [data-testid="ringside-server-mode"]');
    } finally {
      await carol.close();
    }
  });
});
