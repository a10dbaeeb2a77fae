import { browser } from 'wxt/browser';
import { CALL_PORT_NAME, type CallIntent } from '@/lib/messages/call-port';
import { extensionSelf, senderKind } from '@/lib/messages/sender';
import { SERVER_URL } from '@/lib/config/server-url';
import { createServerLink } from '@/lib/net/server-socket';
import { PROTOCOL_VERSION, type ServerMessage } from '@/lib/protocol/wire';
import { devIdentity, pendingIntent, xSession } from '@/lib/storage/items';
import { signLogin } from '@/lib/auth/device-key';
import { createCallPorts } from './call-ports';
import { createPresenceLookup } from './presence-lookup';
import { openCallWindow } from './call-window';
import { addRing, clearRing, currentRings, ringIdFromNotification } from './ring-inbox';
import { answerIntent, createRuntimeRouter } from './runtime-router';
import { signInWithX } from './sign-in';
import { startInOpenXTabs, tellXTabs } from './x-tabs';

const RECONNECT_ALARM = 'ringside-link';

/**
 * Listeners are registered synchronously on every start, and nothing is assumed to survive in memory:
 * identity, rings and the next call's intent live in storage.
 */
export default defineBackground(() => {
  let intentWrite: Promise<unknown> = Promise.resolve();

  const link = createServerLink({
    url: SERVER_URL,
    hello: async (nonce) => {
      const session = await xSession.getValue();
      if (session) {
        const signature = await signLogin(nonce, session.sessionId);
        return { type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'session', sessionId: session.sessionId, signature } };
      }
      const handle = await devIdentity.getValue();
      return handle ? { type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'dev', handle } } : null;
    },
    onSignedOut: () => void xSession.setValue(null),
    onMessage: (message) => void onServerMessage(message),
    onStatus: (connected) => {
      ports.linkChanged(connected);
      // Pages that were told "later" while the link was down ask for their people's presence now.
      if (connected) void tellXTabs({ type: 'presence.ready' });
    },
    log: (line) => console.info(`[ringside] ${line}`),
  });

  const ports = createCallPorts({
    takeIntent: async () => {
      await intentWrite;
      const intent = await pendingIntent.getValue();
      if (intent) await pendingIntent.setValue(null);
      return intent;
    },
    send: link.send,
    isLinked: link.isOpen,
  });

  const presence = createPresenceLookup({ send: link.send, isLinked: link.isOpen });

  function offerIntent(write: () => Promise<CallIntent | null>) {
    intentWrite = write().then(async (intent) => {
      if (intent && !ports.offerIntent(intent)) await pendingIntent.setValue(intent);
    });
  }

  /** Accepted here, waiting for its call window: a repeat of the ring (after a reconnect) must not show it again. */
  async function answeredHere(callId: string): Promise<boolean> {
    await intentWrite;
    const intent = await pendingIntent.getValue();
    return intent?.kind === 'answer' && intent.ring.callId === callId;
  }

  async function onServerMessage(message: ServerMessage) {
    switch (message.type) {
      case 'ring':
        // The server repeats a waiting ring when this device reconnects; a window may have taken it already.
        if (ports.holds(message.callId) || (await answeredHere(message.callId)) || ports.holds(message.callId)) return;
        return addRing({
          callId: message.callId,
          from: message.from,
          media: message.media,
          expiresAt: message.expiresAt,
          verified: message.verified === true,
        });
      case 'ended':
        await clearRing(message.callId);
        ports.deliver(message);
        return;
      case 'ringing':
      case 'answered':
      case 'accepted':
        ports.deliver(message);
        return;
      case 'presence':
        presence.received(message);
        return;
      case 'welcome': {
        if (!message.calls) return;
        // A ring or call the server no longer knows was lost while the link was down (a restart): end it, in words.
        const held = [...ports.held(), ...(await currentRings()).map((ring) => ring.callId)];
        for (const callId of held) if (!message.calls.includes(callId)) await onServerMessage({ type: 'ended', callId, reason: 'connection-lost' });
        return;
      }
      case 'error':
        console.warn(`[ringside] server: ${message.message}`);
    }
  }

  async function signOut(everywhere: boolean) {
    // Told to the server when it can hear it; the session is forgotten here either way.
    link.send({ type: 'sign-out', everywhere });
    await xSession.setValue(null);
  }

  browser.runtime.onMessage.addListener(
    createRuntimeRouter({
      offerIntent,
      send: link.send,
      isLinked: link.isOpen,
      signIn: signInWithX,
      signOut,
      lookupPresence: (handles) => presence.lookup(handles),
    }),
  );

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== CALL_PORT_NAME || !port.sender || senderKind(port.sender, extensionSelf(browser.runtime)) !== 'extension-page') {
      port.disconnect();
      return;
    }
    ports.accept(port);
  });

  browser.notifications.onButtonClicked.addListener((notificationId, buttonIndex) => {
    const callId = ringIdFromNotification(notificationId);
    if (!callId) return;
    if (buttonIndex === 0) {
      openCallWindow(undefined);
      offerIntent(async () => {
        const intent = await answerIntent(callId, 'audio');
        return intent && { ...intent, media: intent.ring.media };
      });
      return;
    }
    link.send({ type: 'decline', callId });
    void clearRing(callId);
  });

  const reconnect = () => {
    link.close();
    link.connect();
  };
  devIdentity.watch(reconnect);
  xSession.watch(reconnect);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void startInOpenXTabs();
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECONNECT_ALARM) link.connect();
  });
  void browser.alarms.create(RECONNECT_ALARM, { periodInMinutes: 0.5 });

  link.connect();
});
