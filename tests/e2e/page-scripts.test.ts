import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from './harness/chromium';
import { clickCall, callState } from './harness/call-window';
import { waitUntilOnline } from './harness/presence';
import { openX } from './harness/x-site';
import { launch, startE2EServer } from './harness/world';
import { home, profileLoggedIn } from '../fixtures/x/pages';
import { timeline, tweet } from '../fixtures/x/people-pages';
import { extensionPage } from './harness/chromium';
import type { RunningServer } from '../../server/app';

let server: RunningServer | undefined;
const people: Person[] = [];
afterEach(async () => {
  await Promise.all(people.splice(0).map((p) => p.close()));
  await server?.close();
});

describe('x.com’s own scripts cannot act for the person', () => {
  it('a script that clicks Accept on the incoming-call toast answers nothing', async () => {
    server = await startE2EServer();
    const [alice, bob] = await Promise.all([launch('alice'), launch('bob')]);
    people.push(alice, bob);
    const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
    await Promise.all([waitUntilOnline(alice, 'alice'), waitUntilOnline(bob, 'bob')]);
    const { panel } = await clickCall(alice, aliceTab, 'bob', 'video');
    await bobTab.waitForSelector('pierce/[data-testid="ringside-accept-video"]');

    // The page's main world, as X or an injected script would run: the open shadow root is reachable.
    const clicked = await bobTab.evaluate(() => {
      const host = document.querySelector('ringside-incoming-call');
      const accept = host?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="ringside-accept-video"]');
      accept?.click();
      accept?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      return !!accept;
    });
    expect(clicked).toBe(true);
    const opened = await bob.browser
      .waitForTarget((t) => t.url().includes('/sidepanel.html'), { timeout: 2_000 })
      .then(() => true, () => false);
    expect(opened).toBe(false);
    expect(await callState(panel)).toMatchObject({ state: 'outgoing' });
    expect(await bobTab.$('pierce/[data-testid="ringside-incoming"]')).not.toBeNull();

    await (await bobTab.waitForSelector('pierce/[data-testid="ringside-decline"]'))!.click();
    await panel.waitForSelector('[data-testid="ringside-call"][data-end-reason="declined"]');
  });

  it('a script that clicks a call button starts no call; the person’s own click does', async () => {
    server = await startE2EServer();
    const alice = await launch('alice');
    people.push(alice);
    const tab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
    await waitUntilOnline(alice, 'alice');
    const selector = 'ringside-call-buttons[data-ringside-handle="bob"] >>> [data-testid="ringside-call-video"]';
    await tab.waitForSelector(selector);

    const clicked = await tab.evaluate(() => {
      const host = document.querySelector('ringside-call-buttons[data-ringside-handle="bob"]');
      const video = host?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid="ringside-call-video"]');
      video?.click();
      video?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      video?.focus();
      video?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      return !!video;
    });
    expect(clicked).toBe(true);
    const opened = await alice.browser
      .waitForTarget((t) => t.url().includes('/sidepanel.html'), { timeout: 2_000 })
      .then(() => true, () => false);
    expect(opened).toBe(false);

    const { panel } = await clickCall(alice, tab, 'bob', 'video');
    await panel.waitForSelector('[data-testid="ringside-call"][data-peer="bob"]');
  });

  it('from a tweet, a script can open the choice but not call; the person choosing video calls', async () => {
    server = await startE2EServer();
    const alice = await launch('alice');
    people.push(alice);
    const tab = await openX(alice, 'https://x.com/home', timeline('alice', [tweet('bob', 'Bob')]));
    await waitUntilOnline(alice, 'alice');
    await tab.waitForSelector('pierce/[data-testid="ringside-call-menu"]');

    const scripted = await tab.evaluate(() => {
      const root = document.querySelector('ringside-call-buttons')?.shadowRoot;
      root?.querySelector<HTMLButtonElement>('[data-testid="ringside-call-menu"]')?.click();
      const video = root?.querySelector<HTMLButtonElement>('[data-testid="ringside-call-video"]');
      video?.click();
      return !!video;
    });
    expect(scripted).toBe(true);
    const opened = await alice.browser
      .waitForTarget((t) => t.url().includes('/sidepanel.html'), { timeout: 2_000 })
      .then(() => true, () => false);
    expect(opened).toBe(false);

    const video = await tab.waitForSelector('pierce/[role="menu"]:popover-open [data-testid="ringside-call-video"]');
    await video!.click();
    const panel = await extensionPage(alice, 'sidepanel.html');
    await panel.waitForSelector('[data-testid="ringside-call"][data-peer="bob"]');
    expect(await callState(panel)).toMatchObject({ peer: 'bob' });
    // The choice closes once made.
    expect(await tab.$('pierce/[role="menu"]:popover-open')).toBeNull();
  });
});
