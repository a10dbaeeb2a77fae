import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { classifySender, extensionSelf } from '@/lib/messages/sender';

/**
 * Long-lived ports: only this extension's own pages may open one, and only under a name declared here
 * (lib/messages/call-port.ts, self-port.ts); any other port is closed at once.
 */
export function createPortGate(byName: Record<string, (port: Runtime.Port) => void>) {
  return (port: Runtime.Port) => {
    const accept = Object.hasOwn(byName, port.name) ? byName[port.name] : undefined;
    if (!accept || classifySender(port.sender, extensionSelf(browser.runtime)).kind !== 'extension') {
      port.disconnect();
      return;
    }
    accept(port);
  };
}
