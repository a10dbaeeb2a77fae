import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { SELF_PORT_NAME, SelfInfo } from '@/lib/messages/self-port';

/**
 * Who is signed in and whether the server is reached, as the background tells it: once on connecting, then
 * on every change. A worker that stops breaks the port; the popup connects again to the next one.
 */
export function listenToSelf(onSelf: (self: SelfInfo) => void): () => void {
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let port = open();

  function open() {
    const next = browser.runtime.connect({ name: SELF_PORT_NAME });
    next.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(SelfInfo, raw);
      if (parsed.success) onSelf(parsed.output);
    });
    next.onDisconnect.addListener(() => {
      if (!stopped) retry = setTimeout(() => (port = open()), 250);
    });
    return next;
  }

  return () => {
    stopped = true;
    clearTimeout(retry);
    port.disconnect();
  };
}
