import { findDmPlacement, isOneToOneConversation } from '../../../lib/x/dm-header';
import type { Feature } from '../core/feature';
import { pagePlacement } from '../core/page-placement';

/** At the end of a one-to-one conversation's header, in both DM interfaces; never in a group. */
export const dm: Feature = {
  start(content) {
    const placement = pagePlacement(content, 'dm', isOneToOneConversation, (page) => {
      const found = findDmPlacement(document, page.pathname, page.self);
      return found && { handle: found.handle, parent: found.parent, before: null };
    });
    return { page: placement };
  },
};
