import { findProfilePlacement } from '@/lib/x/profile-header';
import { testidIn, X } from '@/lib/x/selectors';
import { hostsOf, placeButtons } from '../place-host';
import type { PagePlacement } from './types';

/**
 * Beside Message/Follow on another person's profile. X reuses the header when moving from one profile to
 * the next, and the handle comes from the URL, so a sync on navigation moves the buttons to the new person.
 */
export const profile: PagePlacement = {
  place: 'profile',
  triggers: [X.profileName, X.profileActionsLoggedIn, X.profileActionsLoggedOut, X.ownProfile].map(testidIn),
  sync(page) {
    const found = findProfilePlacement(document, page.pathname, page.self);
    const spot = found?.before.parentElement ? { handle: found.handle, parent: found.before.parentElement, before: found.before } : null;
    placeButtons(hostsOf('profile'), 'profile', spot, page.theme);
  },
};
