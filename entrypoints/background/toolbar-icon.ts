import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { ICON_SIZES, iconFile, type IconState } from '@/lib/toolbar/icon-files';
import { devIdentity, xSession } from '@/lib/storage/items';

/** Which icon the toolbar shows: grey when nobody is signed in, green while a call window is open. */
export function iconState(signedIn: boolean, callWindows: number): IconState {
  if (!signedIn) return 'signed-out';
  return callWindows > 0 ? 'in-call' : 'idle';
}

/**
 * The toolbar icon, kept in step with sign-in (storage) and the open call windows (their ports: a restarted
 * worker hears from each window again when it reconnects). The missed-call count is the badge's business.
 */
export function createToolbarIcon() {
  const callWindows = new Set<Runtime.Port>();

  async function show() {
    const signedIn = (await xSession.getValue()) !== null || (await devIdentity.getValue()) !== null;
    const state = iconState(signedIn, callWindows.size);
    const path = Object.fromEntries(ICON_SIZES.map((size) => [size, `/${iconFile(state, size)}`]));
    await (browser.action ?? browser.browserAction).setIcon({ path });
  }

  xSession.watch(() => void show());
  devIdentity.watch(() => void show());
  void show();

  return {
    /** A call window connected: the icon shows a call until that window goes. */
    callWindowOpened(port: Runtime.Port) {
      callWindows.add(port);
      port.onDisconnect.addListener(() => {
        callWindows.delete(port);
        void show();
      });
      void show();
    },
  };
}
