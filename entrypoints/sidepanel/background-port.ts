import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { BackgroundToWindow, CALL_PORT_NAME, type WindowToBackground } from '@/lib/messages/call-port';

export interface BackgroundPortHandlers {
  onMessage(message: BackgroundToWindow): void;
  /** The call this window holds, so a restarted worker routes its messages here again. */
  currentCallId(): string | null;
}

/**
 * The call window's line to the background; it reconnects when the service worker restarts. The window
 * hears nothing else: a port it opens with runtime.connect reaches only this extension's own onConnect
 * (the background's port gate, which checks this end), so what comes back needs only its schema.
 */
export function connectToBackground(handlers: BackgroundPortHandlers) {
  let port = open();

  function open() {
    const next = browser.runtime.connect({ name: CALL_PORT_NAME });
    next.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(BackgroundToWindow, raw);
      if (parsed.success) handlers.onMessage(parsed.output);
    });
    next.onDisconnect.addListener(() => {
      setTimeout(() => (port = open()), 250);
    });
    next.postMessage({ type: 'hello', callId: handlers.currentCallId() } satisfies WindowToBackground);
    return next;
  }

  return {
    send(message: WindowToBackground) {
      port.postMessage(message);
    },
  };
}
