import { create } from 'zustand';
import { INITIAL_CALL_VIEW, type CallView } from '@/lib/call/call-controller';

export interface CallWindowState {
  view: CallView;
  /** Whether the background's line to the server is up. */
  linkUp: boolean;
}

export const useCallStore = create<CallWindowState>(() => ({
  view: INITIAL_CALL_VIEW,
  linkUp: true,
}));
