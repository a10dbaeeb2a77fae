import { findProfilePlacement, profileHandleOfPage } from '../../../lib/x/profile-header';
import type { Feature } from '../core/feature';
import { pagePlacement } from '../core/page-placement';

/**
 * Beside Message/Follow on another person's profile. X reuses the header when moving from one profile to
 * the next, and the handle comes from the URL, so a sync on navigation moves the buttons to the new person.
 */
export const profile: Feature = {
  start(content) {
    const placement = pagePlacement(
      content,
      'profile',
      (pathname) => profileHandleOfPage(pathname) !== null,
      (page) => {
        const found = findProfilePlacement(document, page.pathname, page.self);
        return found?.before.parentElement ? { handle: found.handle, parent: found.before.parentElement, before: found.before } : null;
      },
    );
    return { page: placement };
  },
};
