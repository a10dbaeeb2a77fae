import { describe, expect, it, vi } from 'vitest';
import type { SelfInfo } from '@/lib/messages/self-port';
import { createSelfPorts } from '@/entrypoints/background/self-ports';

/** A popup's end of the port, as the background sees it. */
function popupPort() {
  const disconnected: (() => void)[] = [];
  return {
    postMessage: vi.fn(),
    onDisconnect: { addListener: (listener: () => void) => disconnected.push(listener) },
    close: () => disconnected.forEach((listener) => listener()),
  };
}

describe('the popup is told, not polling', () => {
  it('gets who is signed in on connecting, again on every change, and nothing once closed', async () => {
    let self: SelfInfo = { handle: 'alice', verified: false, connected: false, signIn: null, devHandle: null };
    const popups = createSelfPorts(async () => self);
    const port = popupPort();
    popups.accept(port as never);
    await vi.waitFor(() => expect(port.postMessage).toHaveBeenLastCalledWith({ handle: 'alice', verified: false, connected: false, signIn: null, devHandle: null }));

    self = { handle: 'alice', verified: false, connected: true, signIn: null, devHandle: null };
    popups.changed();
    await vi.waitFor(() => expect(port.postMessage).toHaveBeenLastCalledWith({ handle: 'alice', verified: false, connected: true, signIn: null, devHandle: null }));

    port.close();
    popups.changed();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(port.postMessage).toHaveBeenCalledTimes(2);
  });
});
