import type { Feature } from '../core/feature';
import { dm } from './dm';
import { hovercard } from './hovercard';
import { incomingToast } from './incoming-toast';
import { presenceDots } from './presence-dots';
import { profile } from './profile';
import { tweet } from './tweet';
import { usercell } from './usercell';

/**
 * Every feature of the content script, in one list. Element placements are searched in this order, and a
 * placement that claims an added element (a tweet) spares the ones after it.
 */
export const FEATURES: readonly Feature[] = [tweet, hovercard, usercell, profile, dm, presenceDots, incomingToast];
