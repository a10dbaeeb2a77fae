import { create } from 'zustand';
import { INITIAL_CALL_VIEW, type CallView } from '@/lib/call/call-controller';
import type { CallNoticeModel } from '@/components/CallNotice';
import type { PeerProfile } from '@/components/PeerCard';

export interface CallWindowState {
  view: CallView;
  /** Whether the background's line to the server is up. */
  linkUp: boolean;
  /** The other person of the latest call, with what their ring said of them. */
  profile: PeerProfile | null;
  /** Why the last call asked for did not start, until the person dismisses it or a call starts. */
  notice: CallNoticeModel | null;
  /** Your own handle; null while signed out of Ringside. */
  self: string | null;
  signInError: string | null;
}

export const useCallStore = create<CallWindowState>(() => ({
  view: INITIAL_CALL_VIEW,
  linkUp: true,
  profile: null,
  notice: null,
  self: null,
  signInError: null,
}));
