import { extensionPage, type Person } from './chromium';
import { clickCall, waitForState } from './call-window';
import { openX } from './x-site';
import { waitUntilOnline } from './presence';
import { home, profileLoggedIn } from '../../fixtures/x/pages';

/**
 * Alice calls Bob from his profile, Bob accepts from the toast: both call windows end up connected.
 * Alice calls only once Bob's extension is online, as a person would see from his presence dot: a ring
 * sent while his worker is still signing in is answered "not online", which is right but not this test.
 */
export async function connectedCall(alice: Person, bob: Person, media: 'audio' | 'video') {
  const bobTab = await openX(bob, 'https://x.com/home', home('bob'));
  const aliceTab = await openX(alice, 'https://x.com/bob', profileLoggedIn('alice', 'bob', 'Bob'));
  await Promise.all([waitUntilOnline(bob, 'bob'), waitUntilOnline(alice, 'alice')]);
  const { panel: alicePanel } = await clickCall(alice, aliceTab, 'bob', media);
  await (await bobTab.waitForSelector(`pierce/[data-testid="ringside-accept-${media}"]`, { timeout: 15_000 }))!.click();
  const bobPanel = await extensionPage(bob, 'sidepanel.html');
  await Promise.all([waitForState(alicePanel, 'connected'), waitForState(bobPanel, 'connected')]);
  return { alicePanel, bobPanel, aliceTab, bobTab };
}
