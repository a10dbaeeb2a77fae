import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { CALL_PORT_NAME } from '@/lib/messages/call-port';
import { SELF_PORT_NAME } from '@/lib/messages/self-port';
import { SERVER_URL } from '@/lib/config/server-url';
import { createServerLink } from '@/lib/net/server-socket';
import { devIdentity, devSignedOut, xSession } from '@/lib/storage/items';
import { devSignIn, helloFor, readSelf, rememberSignInMode, rememberWelcome, signOut } from './account';
import { markCallsSeen, recordCall } from './call-history';
import { createCallIntents } from './call-intents';
import { createCallLinks } from './call-links';
import { createCallPorts } from './call-ports';
import { createNotificationButtons } from './notification-buttons';
import { createPortGate } from './port-gate';
import { createPresenceWatch } from './presence-watch';
import { createReach } from './reach';
import { startRingtone } from './ringtone';
import { createRuntimeRouter } from './runtime-router';
import { createSelfPorts } from './self-ports';
import { createServerMessageHandler } from './server-messages';
import { signInWithX, signsInThroughTab } from './sign-in';
import { tabSignInClosed, tabSignInUpdated } from './sign-in-tab';
import { createToolbarIcon } from './toolbar-icon';
import { startInOpenXTabs, tellXTabs } from './x-tabs';

const RECONNECT_ALARM = 'ringside-link';

/**
 * Wiring only. An MV3 service worker (a Firefox event page) stops when idle and starts again for the next
 * event: every listener is registered synchronously on each start, and nothing is assumed to survive in
 * memory (identity, rings and the next call's intent live in storage; open windows reconnect their ports).
 */
export default defineBackground(() => {
  const link = createServerLink({
    url: SERVER_URL,
    hello: helloFor,
    onSignedOut: () => {
      // Signed out by the server (here or everywhere): not signed straight back in as the account x.com shows.
      void devSignedOut.setValue(true);
      void xSession.setValue(null);
      void reach.forget();
    },
    onMessage: (message) => {
      if (message.type === 'welcome') void rememberWelcome(message).then(popups.changed);
      if (message.type === 'challenge' && message.signIn) void rememberSignInMode(message.signIn).then(popups.changed);
      void (links.received(message) || onServerMessage(message));
    },
    onStatus: (connected) => {
      if (connected) links.sync();
      windows.linkChanged(connected);
      popups.changed();
      presence.linkChanged(connected);
      // Pages that were told "later" while the link was down say what they show now.
      if (connected) void tellXTabs({ type: 'presence.ready' });
    },
    // Firefox unloads its event page 30 s after the last extension event or API call, whatever its sockets
    // carry: measured in Firefox ESR 153, unloaded within 80 s with no x.com tab open, the socket closed and
    // the reconnect alarm signing in anew (a ring in that gap waits on the server's grace). Any API call
    // resets that timer (with this, not unloaded in 80 s); Chromium already counts WebSocket traffic.
    keepAwake: () => void browser.runtime.getPlatformInfo(),
    log: (line) => console.info(`[ringside] ${line}`),
  });

  const links = createCallLinks({ serverUrl: SERVER_URL, send: link.send });
  browser.runtime.onMessage.addListener(links.listener);
  const windows = createCallPorts({
    takeIntent: () => intents.take(),
    send: link.send,
    isLinked: link.isOpen,
    record: recordCall,
  });
  const intents = createCallIntents(windows);
  const popups = createSelfPorts(() => readSelf(link.isOpen()));
  const presence = createPresenceWatch({
    send: link.send,
    isLinked: link.isOpen,
    // A tab that closed meanwhile, or has no content script yet, needs nothing.
    tellTab: (tabId, message) => void browser.tabs.sendMessage(tabId, message).catch(() => {}),
  });
  const reach = createReach({ send: link.send, isLinked: link.isOpen, contactsChanged: presence.contactsChanged });
  const onServerMessage = createServerMessageHandler({
    windows,
    intents,
    presence,
    reach,
    warn: (line) => console.warn(`[ringside] ${line}`),
  });

  browser.runtime.onMessage.addListener(
    createRuntimeRouter({
      intents,
      send: link.send,
      isLinked: link.isOpen,
      callWindowOpen: windows.anyOpen,
      signIn: signInWithX,
      signOut: (everywhere) => signOut(link.send, everywhere),
      devSignIn,
      callsSeen,
      watchPresence: presence.show,
      changeReach: reach.change,
      createLink: links.create,
    }),
  );
  const toolbarIcon = createToolbarIcon();
  const acceptCallWindow = (port: Runtime.Port) => {
    windows.accept(port);
    toolbarIcon.callWindowOpened(port);
  };
  browser.runtime.onConnect.addListener(createPortGate({ [CALL_PORT_NAME]: acceptCallWindow, [SELF_PORT_NAME]: openPopup }));
  function openPopup(port: Runtime.Port) {
    popups.accept(port);
    // Opening the popup is looking at the recent calls: the missed ones are seen.
    callsSeen();
  }
  /** Seen here, and told to this person's other devices (through the server) so they stop counting them too. */
  function callsSeen() {
    void markCallsSeen();
    link.send({ type: 'missed.seen', upTo: Date.now() });
  }
  startRingtone();
  // Only where sign-in goes through a tab: elsewhere these would wake the worker on every tab's every change.
  if (signsInThroughTab()) {
    browser.tabs.onUpdated.addListener((tabId, change) => void tabSignInUpdated(tabId, change));
    browser.tabs.onRemoved.addListener((tabId) => void tabSignInClosed(tabId));
  }
  browser.notifications.onButtonClicked.addListener(createNotificationButtons({ intents, send: link.send, callWindowOpen: windows.anyOpen }));

  const identityChanged = () => {
    void reach.forget();
    popups.changed();
    link.close();
    link.connect();
  };
  devIdentity.watch(identityChanged);
  devSignedOut.watch(identityChanged);
  xSession.watch(identityChanged);

  // A closed tab, or one loading a new page, shows nobody until its content script says otherwise.
  browser.tabs.onRemoved.addListener((tabId) => presence.drop(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') presence.drop(tabId);
  });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void startInOpenXTabs();
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECONNECT_ALARM) link.connect();
  });
  void browser.alarms.create(RECONNECT_ALARM, { periodInMinutes: 0.5 });

  link.connect();
});
