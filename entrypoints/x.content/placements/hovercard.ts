import { findHoverCard } from '@/lib/x/hover-card';
import { testidIn, X } from '@/lib/x/selectors';
import { hostsOf, placeButtons } from '../place-host';
import type { ElementPlacement } from './types';

/** Beside Follow in the card X shows on hovering a person; not in the account switcher, not for yourself. */
export const hovercard: ElementPlacement = {
  place: 'hovercard',
  testids: [testidIn(X.hoverCard)],
  apply(card, page) {
    const found = findHoverCard(card);
    const spot = found && found.handle !== page.self ? found : null;
    placeButtons(hostsOf('hovercard', card), 'hovercard', spot && { handle: spot.handle, parent: spot.parent, before: spot.before }, page.theme);
  },
};
