import { browser } from 'wxt/browser';
import { receive, type Handlers } from '@/lib/messages/channel';
import {
  ContentToBackground,
  PageToBackground,
  type ContentAnswers,
  type PageAnswers,
  type PresenceList,
  type ReachChange,
  type ReachResult,
  type SignInResult,
} from '@/lib/messages/runtime-messages';
import type { CreatedLink } from '@/lib/messages/link-messages';
import { classifySender, extensionSelf, type Sender, type SenderFacts } from '@/lib/messages/sender';
import { standing } from '@/lib/reach/watch-set';
import { devIdentity, reachState } from '@/lib/storage/items';
import type { ClientMessage } from '@/lib/protocol/wire';
import type { Media } from '@/lib/protocol/media';
import type { CallIntents } from './call-intents';
import { forgetAllCalls, forgetCall } from './call-history';
import { openCallWindow } from './call-window';
import { clearRing, currentRings } from './ring-inbox';

export interface RouterDeps {
  intents: Pick<CallIntents, 'dial' | 'answer'>;
  send: (message: ClientMessage) => boolean;
  isLinked: () => boolean;
  /** A call window is open: it takes the call, none is opened. */
  callWindowOpen: () => boolean;
  signIn: () => Promise<SignInResult>;
  signOut: (everywhere: boolean) => Promise<void>;
  devSignIn: () => Promise<void>;
  /** The person looked at the call log: missed calls are seen here and on their other devices. */
  callsSeen: () => void;
  /** A tab's whole set of shown handles, answered with the presence known for them. */
  watchPresence: (tabId: number, handles: string[]) => Promise<PresenceList>;
  changeReach: (change: ReachChange) => Promise<ReachResult>;
  createLink: () => Promise<CreatedLink>;
}

type XTab = Extract<Sender, { kind: 'x-content' }>;

/**
 * One-off messages from content scripts and extension pages. Each channel is accepted only from the sender
 * that may use it; everything else gets no answer. Returns a promise when there is something to answer.
 */
export function createRuntimeRouter(deps: RouterDeps) {
  // Both open the call window first, in the click's turn (sidePanel.open needs the user's gesture).
  function accept(callId: string, media: Media, windowId: number | undefined) {
    openCallWindow(windowId, deps.callWindowOpen());
    deps.intents.answer(callId, media);
  }
  function decline(callId: string) {
    deps.send({ type: 'decline', callId });
    void clearRing(callId, 'declined');
  }

  const fromContent: Handlers<ContentToBackground, typeof ContentAnswers, XTab> = {
    'page.identity': ({ handle }) => {
      if (!handle) return;
      void devIdentity.getValue().then((known) => (known === handle ? undefined : devIdentity.setValue(handle)));
    },
    'call.start': ({ handle, media }, tab) => {
      openCallWindow(tab.windowId, deps.callWindowOpen());
      deps.intents.dial(handle, media);
    },
    'ring.accept': ({ callId, media }, tab) => accept(callId, media, tab.windowId),
    'ring.decline': ({ callId }) => decline(callId),
    'page.start': async () => ({ rings: await currentRings(), presence: deps.isLinked() }),
    'presence.watch': ({ handles }, tab) => deps.watchPresence(tab.tabId, handles),
    'reach.change': ({ change }) => deps.changeReach(change),
    'reach.of': async ({ handle }) => standing(await reachState.getValue(), handle),
    'link.create': () => deps.createLink(),
  };

  const fromExtension: Handlers<PageToBackground, typeof PageAnswers, Sender> = {
    'auth.sign-in': () => deps.signIn(),
    'auth.sign-out': async ({ everywhere }) => {
      await deps.signOut(everywhere);
      return { ok: true };
    },
    'auth.dev-sign-in': async () => {
      await deps.devSignIn();
      return { ok: true };
    },
    'ring.accept': ({ callId, media, windowId }) => accept(callId, media, windowId ?? undefined),
    'ring.decline': ({ callId }) => decline(callId),
    'call.dial': ({ handle, media, windowId }) => {
      openCallWindow(windowId ?? undefined, deps.callWindowOpen());
      deps.intents.dial(handle, media);
    },
    'log.seen': () => deps.callsSeen(),
    'log.remove': ({ callId }) => void forgetCall(callId),
    'log.clear': () => void forgetAllCalls(),
    'reach.change': ({ change }) => deps.changeReach(change),
  };

  return (raw: unknown, sender: SenderFacts) => {
    const from = classifySender(sender, extensionSelf(browser.runtime));
    if (from.kind === 'x-content') return receive(ContentToBackground, fromContent, raw, from);
    if (from.kind === 'extension') return receive(PageToBackground, fromExtension, raw, from);
    return undefined;
  };
}
