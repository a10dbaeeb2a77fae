import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { ContentToBackground, PageToBackground, type SelfInfo } from '@/lib/messages/runtime-messages';
import { extensionSelf, senderKind } from '@/lib/messages/sender';
import { devIdentity } from '@/lib/storage/items';
import type { CallIntent } from '@/lib/messages/call-port';
import type { ClientMessage } from '@/lib/protocol/wire';
import { openCallWindow } from './call-window';
import { clearRing, currentRings, findRing } from './ring-inbox';

export interface RouterDeps {
  offerIntent: (write: () => Promise<CallIntent | null>) => void;
  send: (message: ClientMessage) => boolean;
  isLinked: () => boolean;
  lookupPresence: (handles: string[]) => Promise<unknown>;
}

/**
 * One-off messages from content scripts and extension pages. Each is accepted only from the sender that
 * may send it; everything else gets no answer. Returns a promise when there is something to answer.
 */
export function createRuntimeRouter(deps: RouterDeps) {

  function fromContent(message: ContentToBackground, sender: Browser.runtime.MessageSender) {
    switch (message.type) {
      case 'page.identity':
        return void devIdentity.getValue().then((known) => {
          if (known !== message.handle && message.handle) return devIdentity.setValue(message.handle);
        });
      case 'call.start':
        openCallWindow(sender.tab?.windowId);
        return void deps.offerIntent(async () => ({
          kind: 'dial',
          callId: crypto.randomUUID(),
          handle: message.handle,
          media: message.media,
        }));
      case 'ring.accept':
        openCallWindow(sender.tab?.windowId);
        return void deps.offerIntent(() => answerIntent(message.callId, message.media));
      case 'ring.decline':
        deps.send({ type: 'decline', callId: message.callId });
        return void clearRing(message.callId);
      case 'rings.get':
        return currentRings();
      case 'presence.get':
        return deps.lookupPresence(message.handles);
    }
  }

  async function fromPage(message: PageToBackground): Promise<SelfInfo> {
    switch (message.type) {
      case 'self.get':
        return { handle: await devIdentity.getValue(), verified: false, connected: deps.isLinked() };
    }
  }

  return (raw: unknown, sender: Browser.runtime.MessageSender) => {
    const kind = senderKind(sender, extensionSelf(browser.runtime));
    if (kind === 'x-content') {
      const parsed = v.safeParse(ContentToBackground, raw);
      return parsed.success ? fromContent(parsed.output, sender) : undefined;
    }
    if (kind === 'extension-page') {
      const parsed = v.safeParse(PageToBackground, raw);
      return parsed.success ? fromPage(parsed.output) : undefined;
    }
    return undefined;
  };
}

export async function answerIntent(
  callId: string,
  media: 'audio' | 'video',
): Promise<Extract<CallIntent, { kind: 'answer' }> | null> {
  const ring = await findRing(callId);
  if (!ring) return null;
  await clearRing(callId);
  return { kind: 'answer', ring, media };
}
