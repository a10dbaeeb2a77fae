import { createCallButtons, HOST_TAG, setHandle, type Place } from './call-buttons';
import type { Theme } from './theme';

/** Where one placement's buttons belong: inside `parent`, just before `before` (or at the end). */
export interface Spot {
  handle: string;
  parent: Element;
  before: Element | null;
}

/**
 * Puts exactly one host for `place` inside `scope` at `spot`, or none when spot is null. Idempotent: a
 * host already in the right spot only follows the handle; strays (X moved things) are removed.
 */
export function placeButtons(scope: ParentNode, place: Place, spot: Spot | null, theme: Theme): void {
  let kept: HTMLElement | null = null;
  for (const host of scope.querySelectorAll<HTMLElement>(`${HOST_TAG}[data-ringside-place="${place}"]`)) {
    const inSpot = spot && host.parentElement === spot.parent && (!spot.before || host.nextElementSibling === spot.before);
    if (!kept && inSpot) kept = host;
    else host.remove();
  }
  if (!spot) return;
  if (kept) setHandle(kept, spot.handle);
  else spot.parent.insertBefore(createCallButtons(spot.handle, place, theme), spot.before);
}

export function allHosts(root: ParentNode = document): NodeListOf<HTMLElement> {
  return root.querySelectorAll<HTMLElement>(HOST_TAG);
}
