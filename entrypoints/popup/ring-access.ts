import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PageToBackground } from '@/lib/messages/runtime-messages';
import type { Media } from '@/lib/protocol/media';
import type { Ring } from '@/lib/protocol/ring';
import { activeRings } from '@/lib/storage/items';
import { changeReach } from './reach-access';

/**
 * The rings live now, as the background keeps them (session storage), and a clock ticking each second so the
 * time left counts down and a ring that expires goes even before the background says so.
 */
export function useLiveRings(): { rings: Ring[]; now: number } {
  const [rings, setRings] = useState<Ring[]>([]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void activeRings.getValue().then(setRings);
    const unwatch = activeRings.watch(setRings);
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      unwatch();
      clearInterval(timer);
    };
  }, []);
  return { rings, now };
}

const tell = (message: Extract<PageToBackground, { type: 'ring.accept' | 'ring.decline' }>) => void browser.runtime.sendMessage(message).catch(() => {});

/** Sent in the click's turn: the background opens the call window beside the popup while the gesture counts. */
export const acceptRing = (callId: string, media: Media, windowId: number | null) => tell({ type: 'ring.accept', callId, media, windowId });
export const declineRing = (callId: string) => tell({ type: 'ring.decline', callId });

/** As on the toast: the ring ends as a decline does, and the caller reaches this account no more. */
export function blockCaller(callId: string, handle: string): void {
  declineRing(callId);
  void changeReach({ type: 'block', handle });
}
