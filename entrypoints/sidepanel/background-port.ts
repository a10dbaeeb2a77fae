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
  /** Sent while the port was broken (the worker stopping): delivered to the next worker after the hello. */
  let unsent: WindowToBackground[] = [];
  let connected = false;
  let port = open();

  function open() {
    const next = browser.runtime.connect({ name: CALL_PORT_NAME });
    next.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(BackgroundToWindow, raw);
      if (parsed.success) handlers.onMessage(parsed.output);
    });
    next.onDisconnect.addListener(() => {
      connected = false;
      setTimeout(() => (port = open()), 250);
    });
    next.postMessage({ type: 'hello', callId: handlers.currentCallId() } satisfies WindowToBackground);
    connected = true;
    const waiting = unsent;
    unsent = [];
    for (const message of waiting) next.postMessage(message);
    return next;
  }

  return {
    send(message: WindowToBackground) {
      if (connected) port.postMessage(message);
      else unsent.push(message);
    },
  };
}
