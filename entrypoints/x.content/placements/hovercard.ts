import { findHoverCard } from '@/lib/x/hover-card';
import { X } from '@/lib/x/selectors';
import { hostsOf, placeButtons } from '../place-host';
import type { ElementPlacement } from './types';

/** Beside Follow in the card X shows on hovering a person; not in the account switcher, not for yourself. */
export const hovercard: ElementPlacement = {
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
  apply(card, page) {
    const found = findHoverCard(card);
    const spot = found && found.handle !== page.self ? found : null;
    placeButtons(hostsOf('hovercard', card), 'hovercard', spot && { handle: spot.handle, parent: spot.parent, before: spot.before }, page.theme);
  },
};
