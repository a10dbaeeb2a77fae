import { create } from 'zustand';
import { INITIAL_CALL_VIEW, type CallView } from '@/lib/call/call-controller';
import type { LinkRefusal } from '@/lib/protocol/call-link';

/** Who the guest proved to be with Sign in with X: they ring under this name, verified. */
export interface GuestSelf {
  name: string;
  handle: string;
}

/** Where the guest page stands: opening the link, refused, in the lobby, or in (or just out of) the call. */
export type GuestPhase =
  | { kind: 'opening' }
  | { kind: 'unreachable' }
  | { kind: 'refused'; reason: LinkRefusal }
  | { kind: 'lobby'; owner: string; expiresAt: number; xSignIn: boolean; you?: GuestSelf }
  | { kind: 'call'; owner: string; expiresAt: number };

export const useGuestStore = create<{ phase: GuestPhase; view: CallView }>(() => ({ phase: { kind: 'opening' }, view: INITIAL_CALL_VIEW }));
