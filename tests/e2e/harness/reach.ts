import type { Page } from 'puppeteer';
import { WebSocket } from 'ws';
import { RING_SOCKET_PATH } from '../../../lib/protocol/endpoints';
import type { ReachSettings } from '../../../lib/protocol/reach';
import { parseServerMessage, type ClientMessage, type ServerMessage } from '../../../lib/protocol/wire';
import { E2E_SERVER_URL } from './build';

type Reach = Extract<ServerMessage, { type: 'reach' }>;

/**
 * Who may reach whom, set through the server's own `/ws` protocol under development sign-in (a throwaway
 * socket per person, closed again), for tests that need two people able to call each other. The server
 * only lets contacts ring by default, and relays calls between people who are not each other's contacts.
 */
async function asPerson(handle: string, changes: ClientMessage[], done: (reach: Reach) => boolean, serverUrl: string): Promise<void> {
  const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}${RING_SOCKET_PATH}`);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`@${handle}: the server did not confirm the change within 5 s`)), 5000);
      socket.on('error', reject);
      socket.on('message', (data) => {
        const parsed = parseServerMessage(data.toString());
        if (!parsed.ok) return reject(new Error(`@${handle}: ${parsed.error}`));
        const message = parsed.message;
        if (message.type === 'challenge') return socket.send(JSON.stringify({ type: 'hello', v: 1, auth: { kind: 'dev', handle } } satisfies ClientMessage));
        if (message.type === 'welcome') return changes.forEach((change) => socket.send(JSON.stringify(change)));
        if (message.type === 'limited') return reject(new Error(`@${handle}: the server refused the change (limited)`));
        if (message.type === 'reach' && done(message)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } finally {
    socket.close();
  }
}

/** Makes two people each other's contacts: calls between them ring under the default and go direct. */
export async function makeContacts(a: string, b: string, serverUrl = E2E_SERVER_URL): Promise<void> {
  for (const [who, whom] of [[a, b], [b, a]] as const) {
    await asPerson(who, [{ type: 'contact.add', handle: whom }], (reach) => reach.contacts.includes(whom.toLowerCase()), serverUrl);
  }
}

/** Changes one person's settings on the server (who may call them, status, always relay). */
export async function setReachSettings(handle: string, settings: Partial<ReachSettings>, serverUrl = E2E_SERVER_URL): Promise<void> {
  const applied = (reach: Reach) => Object.entries(settings).every(([key, value]) => reach.settings[key as keyof ReachSettings] === value);
  await asPerson(handle, [{ type: 'settings.set', settings }], applied, serverUrl);
}

/** Adds a contact as a person does: the handle in the popup's field, then Enter, until the list shows them. */
export async function addContactInPopup(popup: Page, handle: string): Promise<void> {
  await (await popup.waitForSelector('[data-testid="ringside-contact-add"]'))!.type(`@${handle}\n`);
  await popup.waitForSelector(`[data-testid="ringside-contact"][data-handle="${handle}"]`);
}
