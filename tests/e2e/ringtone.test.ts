import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { extensionPage, openPopup, type Person } from './harness/chromium';
import { openX } from './harness/x-site';
import { serverAndTwoPeople } from './harness/two-people';
import { waitUntilOnline } from './harness/presence';
import { home, profileLoggedIn } from '../fixtures/x/pages';

const people = serverAndTwoPeople();

/** Alice on Bob's profile, Bob on his home timeline, both online; Alice rings Bob and his toast shows. */
async function aliceRingsBob(alice: Person, bob: Person) {
  const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);
  await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-call-audio"]'))!.click();
  const alicePanel = await extensionPage(alice, 'sidepanel.html');
  await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { timeout: 15_000 });
  return { bobTab, alicePanel };
}

/**
 * Whether Bob hears the ringtone: his offscreen document exists and its audio element is playing. A closed
 * document (how the ringtone stops) is silence.
 */
async function ringtoneSounding(person: Person): Promise<boolean> {
  const target = person.browser.targets().find((t) => t.url() === `chrome-extension://${person.extensionId}/offscreen.html`);
  if (!target) return false;
  const page: Page = await target.asPage();
  return page
    .evaluate(() => {
      const audio = document.querySelector('audio');
      return !!audio && !audio.paused && audio.currentTime > 0;
    })
    .catch(() => false);
}

async function waitFor(condition: () => Promise<boolean>, timeout: number, step = 20): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeout) throw new Error(`not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, step));
  }
  return Date.now() - start;
}

describe('the ringtone', () => {
  it('plays in the offscreen document while Bob is rung, and stops within 500 ms of his accepting', async () => {
    const { alice, bob } = await people.launch();
    const { bobTab } = await aliceRingsBob(alice, bob);
    await waitFor(() => ringtoneSounding(bob), 5_000);
    // Still ringing a moment later: a loop, not a one-off chime.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await ringtoneSounding(bob)).toBe(true);

    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-audio"]'))!.click();
    const stoppedMs = await waitFor(async () => !(await ringtoneSounding(bob)), 500);
    console.info(`[figures] ringtone: accept to silence ${stoppedMs} ms`);
    await extensionPage(bob, 'sidepanel.html');
  });

  it('with "Ringtone" unticked in the popup, a ring makes no sound, and Alice hanging up leaves none', async () => {
    const { alice, bob } = await people.launch();
    const popup = await openPopup(bob);
    const box = await popup.waitForSelector('[data-testid="ringside-ringtone"]');
    expect(await box!.evaluate((el) => (el as HTMLInputElement).checked)).toBe(true);
    await box!.click();
    expect(await box!.evaluate((el) => (el as HTMLInputElement).checked)).toBe(false);
    await popup.close();

    const { bobTab, alicePanel } = await aliceRingsBob(alice, bob);
    const sampled: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      sampled.push(await ringtoneSounding(bob));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(sampled).not.toContain(true);
    expect(await bobTab.$('pierce/[data-testid="ringside-incoming"]')).not.toBeNull();
    await (await alicePanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
  });

  it('stops when the caller gives up', async () => {
    const { alice, bob } = await people.launch();
    const { bobTab, alicePanel } = await aliceRingsBob(alice, bob);
    await waitFor(() => ringtoneSounding(bob), 5_000);
    await (await alicePanel.waitForSelector('[data-testid="ringside-hangup"]'))!.click();
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
    await waitFor(async () => !(await ringtoneSounding(bob)), 1_000);
  });
});
