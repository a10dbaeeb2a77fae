import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { BackgroundToContent, RingList, type ContentToBackground } from '@/lib/messages/runtime-messages';
import { readLoggedInHandle } from '@/lib/x/logged-in-user';
import { findProfilePlacement } from '@/lib/x/profile-header';
import { createCallButtons, placedButtons, setHandle } from './call-buttons';
import { clearRing, showRing } from './incoming-toast';
import { watchPage } from './page-watch';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  runAt: 'document_idle',
  main() {
    let self: string | null = null;

    const send = (message: ContentToBackground) => browser.runtime.sendMessage(message);

    function syncIdentity() {
      const handle = readLoggedInHandle(document);
      if (handle === self) return;
      self = handle;
      void send({ type: 'page.identity', handle });
    }

    function syncProfileButtons() {
      const placement = findProfilePlacement(document, location.pathname, self);
      const [existing, ...extra] = placedButtons('profile');
      for (const stray of extra) stray.remove();
      if (!placement) {
        existing?.remove();
        return;
      }
      if (existing && existing.nextElementSibling === placement.before) {
        setHandle(existing, placement.handle);
        return;
      }
      existing?.remove();
      placement.before.before(createCallButtons(placement.handle, 'profile'));
    }

    watchPage(() => {
      syncIdentity();
      syncProfileButtons();
    });

    browser.runtime.onMessage.addListener((raw: unknown, sender) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const parsed = v.safeParse(BackgroundToContent, raw);
      if (!parsed.success) return;
      if (parsed.output.type === 'ring.show') showRing(parsed.output.ring);
      else clearRing(parsed.output.callId);
    });

    void send({ type: 'rings.get' }).then((raw) => {
      const rings = v.safeParse(RingList, raw);
      if (rings.success) rings.output.forEach((ring) => showRing(ring));
    });
  },
});
