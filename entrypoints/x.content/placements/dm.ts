import { findDmPlacement } from '@/lib/x/dm-header';
import { testidIn, X } from '@/lib/x/selectors';
import { hostsOf, placeButtons } from '../place-host';
import type { PagePlacement } from './types';

/** At the end of a one-to-one conversation's header, in both DM interfaces; never in a group. */
export const dm: PagePlacement = {
  place: 'dm',
  triggers: [X.dmHeader, X.dmLegacyPanel, X.dmLegacyAvatar].map(testidIn),
  sync(page) {
    const found = findDmPlacement(document, page.pathname, page.self);
    placeButtons(hostsOf('dm'), 'dm', found && { handle: found.handle, parent: found.parent, before: null }, page.theme);
  },
};
