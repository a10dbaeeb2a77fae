import { findDmPlacement, isOneToOneConversation } from '@/lib/x/dm-header';
import { pagePlacement } from './page-host';

/** At the end of a one-to-one conversation's header, in both DM interfaces; never in a group. */
export const dm = pagePlacement('dm', isOneToOneConversation, (page) => {
  const found = findDmPlacement(document, page.pathname, page.self);
  return found && { handle: found.handle, parent: found.parent, before: null };
});
