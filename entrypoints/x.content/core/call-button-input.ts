import type { ContentToBackground } from '../../../lib/messages/runtime-messages';
import type { Media } from '../../../lib/protocol/wire';
import { toBackground } from '../to-background';
import { hideCallMenu, menuKey, MENU_TRIGGER_TESTID, toggleCallMenu } from './call-menu';
import { actOnReachItem, MORE_TRIGGER_TESTID } from './reach-items';
import { actOnLinkItem } from './link-items';
import { HOST_TAG } from './host-tag';

const HOST_TAG_UPPER = HOST_TAG.toUpperCase();
const TRIGGERS = new Set([MENU_TRIGGER_TESTID, MORE_TRIGGER_TESTID]);
/** Keys that activate a button: X's clickable rows (user cells) would act on them too. */
const ACTIVATION_KEYS = new Set(['Enter', ' ']);
/** Keys a menu answers: X must not also scroll the timeline or close its own dialogs on them. */
const MENU_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'Escape']);

function ours(event: Event): { host: HTMLElement; button: HTMLElement | null } | null {
  const host = event.target as HTMLElement | null;
  if (host?.tagName !== HOST_TAG_UPPER) return null;
  const button =
    event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && (!!n.dataset.media || !!n.dataset.reach || !!n.dataset.link || TRIGGERS.has(n.dataset.testid!))) ?? null;
  return { host, button };
}

/**
 * One capturing listener on the window for every host: a click or key on our buttons is handled here and
 * stopped before X sees it, so it never opens the row or card the buttons sit in. A key press reaches us
 * as the trusted click the browser makes from it; synthetic clicks and keys start no call. Until `signal`
 * aborts: a copy of this script orphaned by an update lets go of the page, or its listeners would take
 * every click on the new copy's buttons as well, and fail on each ("Extension context invalidated").
 */
export function listenForCallButtons(signal: AbortSignal): void {
  const options = { capture: true, signal };
  addEventListener(
    'click',
    (event) => {
      const hit = ours(event);
      if (!hit) return;
      event.preventDefault();
      event.stopPropagation();
      if (!hit.button) return;
      if (TRIGGERS.has(hit.button.dataset.testid!)) return toggleCallMenu(hit.host, hit.button);
      // The shadow root is open, so X's scripts can reach our buttons: only the person's own click acts.
      if (!event.isTrusted) return;
      const handle = hit.host.dataset.ringsideHandle!;
      if (hit.button.dataset.reach) return void actOnReachItem(hit.button.parentElement!, hit.button, handle);
      if (hit.button.dataset.link) return void actOnLinkItem(hit.host, hit.button, handle);
      hideCallMenu(hit.host);
      const message: ContentToBackground = { type: 'call.start', handle, media: hit.button.dataset.media as Media };
      void toBackground(message);
    },
    options,
  );
  addEventListener(
    'keydown',
    (event) => {
      if (!ours(event)) return;
      if (menuKey(event.target as HTMLElement, event.key)) event.preventDefault();
      if (ACTIVATION_KEYS.has(event.key) || MENU_KEYS.has(event.key)) event.stopPropagation();
    },
    options,
  );
  addEventListener(
    'keyup',
    (event) => {
      if (ACTIVATION_KEYS.has(event.key) && ours(event)) event.stopPropagation();
    },
    options,
  );
}
