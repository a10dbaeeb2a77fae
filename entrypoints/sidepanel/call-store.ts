import { create } from 'zustand';
import type { CallView } from '@/lib/call/call-controller';
import { initialCallState } from '@/lib/call/call-machine';

export interface CallWindowState {
  view: CallView;
  /** Whether the background's line to the server is up. */
  linkUp: boolean;
}

export const useCallStore = create<CallWindowState>(() => ({
  view: { call: initialCallState, localStream: null, remoteStream: null },
  linkUp: true,
}));
