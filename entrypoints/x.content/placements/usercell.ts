import { findUserCell } from '@/lib/x/user-cell';
import { X } from '@/lib/x/selectors';
import { placeButtons } from '../place-host';
import type { ElementPlacement } from './types';

/** Beside Follow in followers, following, who-to-follow and search results; not on your own row. */
export const usercell: ElementPlacement = {
  place: 'usercell',
  selector: X.userCell,
  apply(cell, page) {
    const found = findUserCell(cell);
    const spot = found && found.handle !== page.self ? found : null;
    placeButtons(cell, 'usercell', spot && { handle: spot.handle, parent: spot.parent, before: spot.before }, page.theme);
  },
};
