import { browser } from 'wxt/browser';
import { receive, type Handlers } from '@/lib/messages/channel';
import { LinkRequest, type CreatedLink as Created, type LinkAnswers } from '@/lib/messages/link-messages';
import { classifySender, extensionSelf, type SenderFacts } from '@/lib/messages/sender';
import { LINK_PATH } from '@/lib/protocol/call-link';
import type { ClientMessage, ServerMessage } from '@/lib/protocol/wire';
import { callLinks } from '@/lib/storage/items';

/** How long the popup waits for the server to mint a link. */
const CREATE_TIMEOUT_MS = 10_000;


/**
 * Call links for the popup: asks the server to mint and revoke them, keeps their URLs in storage (the only
 * copy: the server keeps hashes) and prunes those the server no longer lists as live (used, expired).
 */
export function createCallLinks(deps: { serverUrl: string; send: (message: ClientMessage) => boolean }) {
  let waiting: Array<(created: Created) => void> = [];

  const create = () =>
    new Promise<Created>((resolve) => {
      if (!deps.send({ type: 'link.create' })) return resolve(null);
      waiting.push(resolve);
      setTimeout(() => settle(null, resolve), CREATE_TIMEOUT_MS);
    });

  const handlers: Handlers<LinkRequest, typeof LinkAnswers, unknown> = {
    'link.create': create,
    'link.revoke': ({ id }) => {
      deps.send({ type: 'link.revoke', id });
      void callLinks.getValue().then((links) => callLinks.setValue(links.filter((link) => link.id !== id)));
    },
  };

  function settle(created: Created, only?: (created: Created) => void): void {
    const [first] = only ? waiting.filter((w) => w === only) : waiting;
    if (!first) return;
    waiting = waiting.filter((w) => w !== first);
    first(created);
  }

  async function received(message: ServerMessage): Promise<void> {
    if (message.type === 'link.created') {
      const url = new URL(`${LINK_PATH}/${message.token}`, deps.serverUrl).href;
      const links = await callLinks.getValue();
      await callLinks.setValue([...links, { id: message.id, url, expiresAt: message.expiresAt }]);
      return settle({ url, expiresAt: message.expiresAt });
    }
    if (message.type === 'links') {
      const live = new Set(message.links.map((link) => link.id));
      const links = await callLinks.getValue();
      if (links.some((link) => !live.has(link.id))) await callLinks.setValue(links.filter((link) => live.has(link.id)));
    }
    // The server's answer when it will not mint another link now.
    if (message.type === 'error' && message.message === 'call link limit') settle(null);
  }

  return {
    /** Mints a link for the buttons on X (the popup asks through `listener`). */
    create,
    /** Call links' server messages; true when the message was one of theirs. */
    received(message: ServerMessage): boolean {
      if (message.type !== 'link.created' && message.type !== 'links' && !(message.type === 'error' && message.message === 'call link limit')) return false;
      void received(message);
      return true;
    },
    /** Connected (again): the server's live list prunes links used or expired meanwhile. */
    sync: () => void deps.send({ type: 'link.list' }),
    /** A runtime.onMessage listener of its own: call-link requests from extension pages, nothing else. */
    listener: (raw: unknown, sender: SenderFacts) =>
      classifySender(sender, extensionSelf(browser.runtime)).kind === 'extension' ? receive(LinkRequest, handlers, raw, undefined) : undefined,
  };
}
