import { browser } from 'wxt/browser';
import { ask, type AnswerOf } from '@/lib/messages/channel';
import { ContentAnswers, type ContentToBackground } from '@/lib/messages/runtime-messages';

/**
 * What the content script says to the background, and the answer as declared for that message, parsed;
 * null when there is none. Never throws: in a copy of this script an update has cut off, Chromium's own
 * `browser` namespace (which webextension-polyfill hands through) throws at the call, not in the promise,
 * and on x.com that would be an uncaught error on X's page.
 */
export function toBackground<M extends ContentToBackground>(message: M): Promise<AnswerOf<typeof ContentAnswers, M['type']> | null> {
  return ask(ContentAnswers, send, message).catch(() => null);
}

async function send(message: ContentToBackground): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}
