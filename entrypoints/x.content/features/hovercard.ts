import { findHoverCard } from '../../../lib/x/hover-card';
import { X } from '../../../lib/x/selectors';
import type { Feature } from '../core/feature';
import { hostsOf } from '../core/hosts';

/** Beside Follow in the card X shows on hovering a person; not in the account switcher, not for yourself. */
export const hovercard: Feature = {
  start(content) {
    return {
      element: {
        place: 'hovercard',
        collect(added, found) {
          // Cards live in X's #layers: timeline rows (most of what X adds) are not even searched.
          const layers = document.getElementById(X.layersId);
          if (layers && !layers.contains(added) && !added.contains(layers)) return;
          const scope = layers && added.contains(layers) ? layers : added;
          const outer = scope.closest(X.hoverCard);
          if (outer) found(outer);
          for (const card of scope.querySelectorAll(X.hoverCard)) found(card);
        },
        apply(card) {
          const found = findHoverCard(card);
          content.place(hostsOf('hovercard', card), 'hovercard', found && found.handle !== content.page.self ? found : null);
        },
      },
    };
  },
};
