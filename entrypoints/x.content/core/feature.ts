import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BackgroundToContent, PageStart } from '../../../lib/messages/runtime-messages';
import type { CallButtons } from './call-buttons';
import type { Spot } from './hosts';
import type { ElementPlacement, PageContext, PagePlacement, Place } from './placement';

/**
 * What the content script uses of WXT's context: this copy's lifetime. A feature stops what it started in
 * `ctx.onInvalidated`; listeners given `ctx.signal` go by themselves.
 */
export type Lifetime = Pick<ContentScriptContext, 'signal' | 'isInvalid' | 'onInvalidated'>;

/** What the core hands every feature: one per copy of the content script, nothing kept in modules. */
export interface ContentContext {
  ctx: Lifetime;
  /** The page as of the latest batch: one live object, read when acting. */
  page: PageContext;
  buttons: CallButtons;
  /**
   * Leaves exactly one host for `place` at `spot` (none when null), given the hosts of that place already
   * there (core/hosts.ts), in the page's theme.
   */
  place(existing: Iterable<HTMLElement>, place: Place, spot: Spot | null): HTMLElement | null;
  /** Calls `act` with the elements handed to the returned function once each comes near the viewport. */
  nearViewport(act: (near: Element[]) => void): (el: Element) => void;
  /** Takes the DOM changes our own insertions just made, so they schedule no work (core/page-watch.ts). */
  absorbOwnChanges(): void;
}

/** What a feature contributes; every part is optional. */
export interface FeatureParts {
  /** Searched for in what X adds (core/scanner.ts). */
  element?: ElementPlacement;
  /** Re-checked on each batch of a page it applies to. */
  page?: PagePlacement;
  /** The background's answer to `page.start`, when this copy starts. */
  started?(start: PageStart): void;
  /** A message the background sent this tab. */
  heard?(message: BackgroundToContent): void;
}

/**
 * One placement or feature of the content script, in the manner of refined-github's features: a file of
 * its own, listed once in features/index.ts, started with the context instead of reaching for singletons.
 */
export interface Feature {
  start(content: ContentContext): FeatureParts;
}
