import { besideFollow } from './beside-follow';
import { personIn } from './person-handle';
import { X } from './selectors';

export interface CellPlacement {
  handle: string;
  /** Our buttons go just before this element: the Follow button's wrapper (beside-follow.ts), else the end of the cell. */
  before: Element | null;
  /** Without a Follow button, appended to this element. */
  parent: Element;
}

/**
 * A person in a list (followers, following, who to follow, search). The account switcher is a "hover
 * card" full of UserCells listing your own accounts: those are skipped.
 */
export function findUserCell(cell: Element): CellPlacement | null {
  if (cell.closest(X.hoverCard) || cell.closest(X.selfAccountSwitcher)) return null;
  const handle = personIn(cell);
  if (!handle) return null;
  const follow = cell.querySelector(X.followButton);
  const spot = follow && besideFollow(follow, cell);
  return spot ? { handle, ...spot } : { handle, before: null, parent: cell };
}
