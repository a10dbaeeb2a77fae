import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { CallRecord } from '@/lib/call-log/call-log';
import type { PageToBackground } from '@/lib/messages/runtime-messages';
import type { Media } from '@/lib/protocol/media';
import { callLog } from '@/lib/storage/items';

/** The call log as the popup and the options page show it: read from storage, kept current as it changes. */
export function useCallLog(): CallRecord[] {
  const [entries, setEntries] = useState<CallRecord[]>([]);
  useEffect(() => {
    void callLog.getValue().then((log) => setEntries(log.entries));
    return callLog.watch((log) => setEntries(log.entries));
  }, []);
  return entries;
}

/** This page's browser window, so a call started here opens its side panel beside it. */
export function useWindowId(): number | null {
  const [windowId, setWindowId] = useState<number | null>(null);
  useEffect(() => {
    void browser.windows.getCurrent().then((window) => setWindowId(window.id ?? null));
  }, []);
  return windowId;
}

/** The log's changes and calls go through the background, its one writer and the opener of call windows. */
export function tellBackground(message: Extract<PageToBackground, { type: 'call.dial' | 'log.seen' | 'log.remove' | 'log.clear' }>): void {
  void browser.runtime.sendMessage(message).catch(() => {});
}

/** Sent in the click's turn: the background opens the call window while the gesture still counts. */
export function dial(handle: string, media: Media, windowId: number | null): void {
  tellBackground({ type: 'call.dial', handle, media, windowId });
}
