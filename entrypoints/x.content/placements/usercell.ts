import { findUserCell } from '@/lib/x/user-cell';
import { X } from '@/lib/x/selectors';
import { hostsOf, placeButtons } from '../place-host';
import type { ElementPlacement } from './types';

/** Beside Follow in followers, following, who-to-follow and search results; not on your own row. */
export const usercell: ElementPlacement = {
  place: 'usercell',
  collect(added, found) {
    const outer = added.closest(X.userCell);
    if (outer) found(outer);
    for (const cell of added.querySelectorAll(X.userCell)) found(cell);
  },
  apply(cell, page) {
    const found = findUserCell(cell);
    const spot = found && found.handle !== page.self ? found : null;
    placeButtons(hostsOf('usercell', cell), 'usercell', spot && { handle: spot.handle, parent: spot.parent, before: spot.before }, page.theme);
  },
};
