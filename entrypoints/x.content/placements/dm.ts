import { findDmPlacement } from '@/lib/x/dm-header';
import { X } from '@/lib/x/selectors';
import { placeButtons } from '../place-host';
import type { PagePlacement } from './types';

/** At the end of a one-to-one conversation's header, in both DM interfaces; never in a group. */
export const dm: PagePlacement = {
  place: 'dm',
  trigger: [X.dmHeader, X.dmLegacyPanel, X.dmLegacyAvatar].join(','),
  sync(page) {
    const found = findDmPlacement(document, page.pathname, page.self);
    placeButtons(document, 'dm', found && { handle: found.handle, parent: found.parent, before: null }, page.theme);
  },
};
