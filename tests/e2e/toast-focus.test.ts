import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { extensionPage } from './harness/chromium';
import { openX } from './harness/x-site';
import { serverAndTwoPeople } from './harness/two-people';
import { waitUntilOnline } from './harness/presence';
import { homeWithReplyBox, profileLoggedIn } from '../fixtures/x/pages';

const people = serverAndTwoPeople();
const BOX = '[data-testid="tweetTextarea_0"]';

const state = (panel: Page) => panel.$eval('[data-testid="ringside-call"]', (el) => el.getAttribute('data-state'));
/** The focused element's testid, looking inside an open shadow root when focus is in one. */
const focused = (tab: Page) =>
  tab.evaluate(() => {
    const el = document.activeElement;
    return ((el?.shadowRoot?.activeElement ?? el) as HTMLElement | null)?.dataset.testid ?? null;
  });

describe('a ring arriving while Bob types a reply on x.com', () => {
  it('takes no key meant for the reply; Alt+Shift+A then Enter on Accept (audio) answers', async () => {
    const { alice, bob } = await people.launch();
    const bobTab = await openX(bob, 'https://x.com/home', homeWithReplyBox('bob'));
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);

    await bobTab.click(BOX);
    await bobTab.keyboard.type('On my way');
    await (await aliceTab.waitForSelector('pierce/[data-testid="ringside-call-video"]'))!.click();
    const alicePanel = await extensionPage(alice, 'sidepanel.html');
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { timeout: 15_000 });

    // What used to answer with the camera on: the next space or Enter typed into the reply.
    await bobTab.keyboard.type(' see you soon');
    await bobTab.keyboard.press('Enter');
    await bobTab.keyboard.type(' bye ');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await bobTab.$eval(BOX, (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim())).toBe('On my way see you soon bye');
    expect(await focused(bobTab)).toBe('tweetTextarea_0');
    expect(await state(alicePanel)).toBe('outgoing');
    expect(bob.browser.targets().some((t) => t.url().includes('/sidepanel.html'))).toBe(false);
    expect(await bobTab.$('pierce/[data-testid="ringside-incoming"]')).not.toBeNull();

    await bobTab.keyboard.down('Alt');
    await bobTab.keyboard.down('Shift');
    await bobTab.keyboard.press('KeyA');
    await bobTab.keyboard.up('Shift');
    await bobTab.keyboard.up('Alt');
    expect(await focused(bobTab)).toBe('ringside-accept-audio');
    expect(await bobTab.$eval(BOX, (el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim())).toBe('On my way see you soon bye');

    await bobTab.keyboard.press('Enter');
    const bobPanel = await extensionPage(bob, 'sidepanel.html');
    await bobPanel.waitForSelector('[data-testid="ringside-call"][data-state="connected"]', { timeout: 15_000 });
    await alicePanel.waitForSelector('[data-testid="ringside-call"][data-state="connected"]', { timeout: 15_000 });
    // Accepted as audio: Bob's camera was never asked for.
    expect(await bobPanel.$eval('[data-testid="ringside-local-video"]', (el) => ((el as HTMLVideoElement).srcObject as MediaStream | null)?.getVideoTracks().length ?? 0)).toBe(0);
    await bobTab.waitForSelector('pierce/[data-testid="ringside-incoming"]', { hidden: true });
    expect(await focused(bobTab)).toBe('tweetTextarea_0');
  });
});
