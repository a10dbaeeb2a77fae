import { listenToBackground } from '../background-messages';
import { toBackground } from '../to-background';
import { listenForCallButtons } from './call-button-input';
import { createCallButtons } from './call-buttons';
import type { ContentContext, Feature, FeatureParts, Lifetime } from './feature';
import { allHosts, placeButtons } from './hosts';
import { nearViewport } from './near-viewport';
import { watchPage, type PageWatch } from './page-watch';
import type { PageContext } from './placement';
import { pageState } from './page-state';
import { createScanner } from './scanner';

/**
 * Starts the features on this x.com tab for as long as `ctx` lives. The core watches the page, finds what
 * each placement hangs on, keeps the page context and owns the hosts; the features only say where buttons
 * go and what to do with the background's messages.
 */
export function startContentScript(ctx: Lifetime, features: readonly Feature[]): void {
  const page: PageContext = { self: null, pathname: '', theme: 'light' };
  const buttons = createCallButtons();
  let watch: PageWatch | null = null;
  const content: ContentContext = {
    ctx,
    page,
    buttons,
    place: (existing, place, spot) => placeButtons(buttons, existing, place, spot, page.theme),
    nearViewport: (act) => nearViewport(act, ctx.signal),
    absorbOwnChanges: () => watch?.absorbOwnChanges(),
  };

  // Listening starts here, not with the buttons' idle setup: a copy handed over before its idle time
  // would otherwise start listening after its teardown, and every click would be handled twice.
  listenForCallButtons(ctx.signal);
  buttons.prepare();
  const parts: FeatureParts[] = features.map((feature) => feature.start(content));
  const scanner = createScanner(
    content,
    parts.flatMap((part) => (part.element ? [part.element] : [])),
    parts.flatMap((part) => (part.page ? [part.page] : [])),
  );
  const state = pageState(page, (handle) => void toBackground({ type: 'page.identity', handle }));
  watch = watchPage({
    added: scanner.watch,
    // A change calls for a batch where a page placement may appear, or while the account is unknown.
    wantsBatch: () => page.self === null || scanner.pagesApply(page.pathname),
    batch: (changed) => scanner.scan(changed, state.sync()),
  });

  const stopHearingBackground = listenToBackground((message) => {
    for (const part of parts) part.heard?.(message);
  });

  /**
   * An update (or a reinstall) cuts this copy off from the extension, and the background starts a new
   * one in the tab (x-tabs.ts): this one hands the page over, its buttons and toasts with it (the features
   * stop their own), so the new copy builds working ones and no click reaches a copy that can no longer
   * send it. A copy handed over while the extension is still there (installed as the tab opened) stops
   * hearing the background too, so that rings are not shown twice.
   */
  ctx.onInvalidated(() => {
    watch?.stop();
    for (const host of allHosts()) host.remove();
    // Last: an orphaned copy's extension API may throw.
    stopHearingBackground();
  });

  void toBackground({ type: 'page.start' }).then((start) => {
    if (ctx.isInvalid || !start) return;
    for (const part of parts) part.started?.(start);
  });
}
