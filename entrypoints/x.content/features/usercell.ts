import { X } from '../../../lib/x/selectors';
import { findUserCell } from '../../../lib/x/user-cell';
import type { Feature } from '../core/feature';
import { hostsOf } from '../core/hosts';

/** Beside Follow in followers, following, who-to-follow and search results; not on your own row. */
export const usercell: Feature = {
  start(content) {
    return {
      element: {
        place: 'usercell',
        collect(added, found) {
          const outer = added.closest(X.userCell);
          if (outer) found(outer);
          for (const cell of added.querySelectorAll(X.userCell)) found(cell);
        },
        apply(cell) {
          const found = findUserCell(cell);
          content.place(hostsOf('usercell', cell), 'usercell', found && found.handle !== content.page.self ? found : null);
        },
      },
    };
  },
};
