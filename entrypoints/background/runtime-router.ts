import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { ContentToBackground, PageToBackground, type PageStart, type SelfInfo, type SignInResult } from '@/lib/messages/runtime-messages';
import { extensionSelf, senderKind } from '@/lib/messages/sender';
import { devIdentity, xSession } from '@/lib/storage/items';
import type { CallIntent } from '@/lib/messages/call-port';
import type { ClientMessage } from '@/lib/protocol/wire';
import { openCallWindow } from './call-window';
import { clearRing, currentRings, findRing } from './ring-inbox';

export interface RouterDeps {
  offerIntent: (write: () => Promise<CallIntent | null>) => void;
  send: (message: ClientMessage) => boolean;
  isLinked: () => boolean;
  signIn: () => Promise<SignInResult>;
  signOut: (everywhere: boolean) => Promise<void>;
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
        // eslint-disable-next-line no-restricted-syntax -- until the sender gate (issue 13, messaging) names the window
        openCallWindow(sender.tab?.windowId);
        return void deps.offerIntent(async () => ({
          kind: 'dial',
          callId: crypto.randomUUID(),
          handle: message.handle,
          media: message.media,
        }));
      case 'ring.accept':
        // eslint-disable-next-line no-restricted-syntax -- until the sender gate (issue 13, messaging) names the window
        openCallWindow(sender.tab?.windowId);
        return void deps.offerIntent(() => answerIntent(message.callId, message.media));
      case 'ring.decline':
        deps.send({ type: 'decline', callId: message.callId });
        return void clearRing(message.callId);
      case 'page.start':
        return currentRings().then((rings): PageStart => ({ rings, presence: deps.isLinked() }));
      case 'presence.get':
        return deps.lookupPresence(message.handles);
    }
  }

  async function fromPage(message: PageToBackground): Promise<SelfInfo | SignInResult> {
    switch (message.type) {
      case 'self.get': {
        const session = await xSession.getValue();
        if (session) return { handle: session.handle, verified: true, connected: deps.isLinked() };
        return { handle: await devIdentity.getValue(), verified: false, connected: deps.isLinked() };
      }
      case 'auth.sign-in':
        return deps.signIn();
      case 'auth.sign-out':
        await deps.signOut(message.everywhere);
        return { ok: true };
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
