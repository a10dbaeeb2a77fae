import * as v from 'valibot';
import { PageStart } from '@/lib/messages/runtime-messages';
import { X_MATCHES } from '@/lib/protocol/x-origins';
import { readLoggedInHandle } from '@/lib/x/logged-in-user';
import { listenForCallButtons, stopListeningForCallButtons } from './call-button-input';
import { clearAllRings, clearRing, showRing } from './incoming-toast';
import { watchPage } from './page-watch';
import { prepareCallButtons } from './call-buttons';
import { allHosts } from './place-host';
import { dm } from './placements/dm';
import { hovercard } from './placements/hovercard';
import { profile } from './placements/profile';
import { tweet } from './placements/tweet';
import type { PageContext } from './placements/types';
import { usercell } from './placements/usercell';
import { startPresenceDots } from './presence-dots';
import { createScanner } from './scanner';
import { readTheme } from './theme';
import { toBackground } from './to-background';
import { listenToBackground } from './background-messages';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  // WXT's notice to older copies of this script goes by a DOM event; its copy posted to X's window is not needed.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const page: PageContext = { self: null, pathname: '', theme: 'light' };

    /**
     * The logged-in account, re-read on navigation, and while unknown at most once a second (X draws its
     * side navigation after the page): a document query is too dear for every batch.
     */
    let identityReadAt = -Infinity;
    function syncIdentity(navigated: boolean): boolean {
      if (!navigated && (page.self !== null || performance.now() - identityReadAt < 1000)) return false;
      identityReadAt = performance.now();
      const handle = readLoggedInHandle(document);
      if (handle === page.self) return false;
      page.self = handle;
      void toBackground({ type: 'page.identity', handle });
      if (handle) for (const host of allHosts()) if (host.dataset.ringsideHandle === handle) host.remove();
      return true;
    }
    const scanner = createScanner([tweet, hovercard, usercell], [profile, dm]);

    /** X's theme is one inline style on <body>: cheap to re-read on every batch. */
    function syncTheme(navigated: boolean) {
      const theme = readTheme(navigated);
      if (!theme || theme === page.theme) return;
      page.theme = theme;
      for (const host of allHosts()) host.dataset.theme = theme;
    }

    function onBatch(changed: Element[]) {
      const navigated = location.pathname !== page.pathname;
      page.pathname = location.pathname;
      syncTheme(navigated);
      const selfChanged = syncIdentity(navigated);
      scanner.scan(changed, page, navigated || selfChanged);
    }

    /** A change calls for a batch where a page placement may appear, or while the account is unknown. */
    const wantsBatch = () => page.self === null || scanner.pagesApply(page.pathname);

    // Listening starts here, not with the buttons' idle setup: a copy handed over before its idle time
    // would otherwise start listening after its teardown, and every click would be handled twice.
    listenForCallButtons();
    prepareCallButtons();
    const presence = startPresenceDots();
    const stopWatching = watchPage({ added: scanner.watch, wantsBatch, batch: onBatch });

    const stopHearingBackground = listenToBackground({ showRing, clearRing, presenceReady: () => presence.resume() });

    /**
     * An update (or a reinstall) cuts this copy off from the extension, and the background starts a new
     * one in the tab (x-tabs.ts): this one hands the page over, its buttons and toasts with it, so the new
     * copy builds working ones and no click reaches a copy that can no longer send it. A copy handed over
     * while the extension is still there (installed as the tab opened) stops hearing the background too,
     * so that rings are not shown twice.
     */
    ctx.onInvalidated(() => {
      stopWatching();
      presence.stop();
      stopListeningForCallButtons();
      clearAllRings();
      for (const host of allHosts()) host.remove();
      // Last: an orphaned copy's extension API may throw.
      stopHearingBackground();
    });

    void toBackground({ type: 'page.start' }).then((raw) => {
      if (ctx.isInvalid) return;
      const start = v.safeParse(PageStart, raw);
      if (!start.success) return;
      start.output.rings.forEach((ring) => showRing(ring));
      if (start.output.presence) presence.resume();
    });
  },
});
