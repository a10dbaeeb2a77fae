import type { Runtime } from 'webextension-polyfill';
import type { SelfInfo } from '@/lib/messages/self-port';

/** The open popups (at most a few, in memory only: a restarted worker's popups reconnect). */
export function createSelfPorts(read: () => Promise<SelfInfo>) {
  const ports = new Set<Runtime.Port>();

  async function tell(to: Iterable<Runtime.Port>) {
    const self = await read();
    for (const port of to) if (ports.has(port)) port.postMessage(self);
  }

  return {
    accept(port: Runtime.Port) {
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      void tell([port]);
    },
    /** Sign-in, sign-out, the server link up or down. */
    changed() {
      if (ports.size > 0) void tell([...ports]);
    },
  };
}
