import path from 'node:path';
import { loadConfig } from '../../../server/config';
import { startServer, type RunningServer } from '../../../server/app';
import { silentLog } from '../../../server/log';
import { launchPerson, type LaunchOptions, type Person } from './chromium';
import { E2E_GUEST_DIR, E2E_OUT_DIR, E2E_PORT } from './build';
import { makeContacts } from './reach';

export const E2E_EXTENSION_DIR = path.join(E2E_OUT_DIR, 'chrome-mv3');
export const E2E_FIREFOX_EXTENSION_DIR = path.join(E2E_OUT_DIR, 'firefox-mv3');

/**
 * The server for a test file. Alice and Bob, the suite's usual pair, are made each other's contacts unless
 * `strangers`: most tests are about a call that rings and connects, which the server allows only between
 * contacts by default (tests/e2e/reach.test.ts is about the rest). A server with no one's data (in memory)
 * is made so again at each start. Signed in with X (`RINGSIDE_AUTH=x`) nobody can speak for them: they start
 * as strangers, and a test that rings makes them contacts in their popups.
 */
export async function startE2EServer(env: Record<string, string> = {}, options: { strangers?: boolean } = {}): Promise<RunningServer> {
  const server = await startServer(loadConfig({ PORT: String(E2E_PORT), GUEST_PAGE_DIR: E2E_GUEST_DIR, ...env }), { log: silentLog });
  const strangers = options.strangers ?? env.RINGSIDE_AUTH === 'x';
  if (!strangers) await makeContacts('alice', 'bob', server.url).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return server;
}

export async function launch(name: string, lang?: string, options?: LaunchOptions): Promise<Person> {
  return launchPerson(name, E2E_EXTENSION_DIR, lang, options);
}
