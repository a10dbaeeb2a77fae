import type { CallAdapters } from './call-adapters';
import { startInCall } from './in-call';
import { acquireWithPermission, microphoneAllowed, stopMedia } from './local-media';
import { watchMediaFlow } from './media-flow';
import { openPeerCall } from './peer';

/** The call controller's real outside world, for the call window. */
export const browserCallAdapters: CallAdapters = {
  acquireMedia: acquireWithPermission,
  microphoneAllowed,
  stopMedia,
  openPeer: openPeerCall,
  startInCall,
  watchFlow: watchMediaFlow,
};
