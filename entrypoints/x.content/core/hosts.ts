import type { CallButtons } from './call-buttons';
import { HOST_TAG } from './host-tag';
import type { Place } from './placement';
import type { Theme } from './theme';

/** Where one placement's buttons belong: inside `parent`, just before `before` (or at the end). */
export interface Spot {
  handle: string;
  parent: Element;
  before: Element | null;
}

/**
 * Leaves exactly one host for `place` at `spot` (none when spot is null), given the hosts of that place
 * already in the scope. Idempotent: a host already in the right spot only follows the handle; strays
 * (X moved things) are removed.
 */
export function placeButtons(buttons: CallButtons, existing: Iterable<HTMLElement>, place: Place, spot: Spot | null, theme: Theme): HTMLElement | null {
  let kept: HTMLElement | null = null;
  for (const host of existing) {
    if (host.getAttribute('data-ringside-place') !== place) continue;
    const inSpot = spot && host.parentElement === spot.parent && (!spot.before || host.nextElementSibling === spot.before);
    if (!kept && inSpot) kept = host;
    else host.remove();
  }
  if (!spot) return null;
  if (kept) buttons.setHandle(kept, spot.handle);
  else kept = spot.parent.insertBefore(buttons.create(spot.handle, place, theme), spot.before);
  return kept;
}

export function hostsOf(place: Place, root: ParentNode = document): NodeListOf<HTMLElement> {
  return root.querySelectorAll<HTMLElement>(`${HOST_TAG}[data-ringside-place="${place}"]`);
}

export function allHosts(root: ParentNode = document): NodeListOf<HTMLElement> {
  return root.querySelectorAll<HTMLElement>(HOST_TAG);
}
