import path from 'node:path';
import { loadConfig } from '../../../server/config';
import { startServer, type RunningServer } from '../../../server/app';
import { silentLog } from '../../../server/log';
import { launchPerson, type LaunchOptions, type Person } from './chromium';
import { E2E_GUEST_DIR, E2E_OUT_DIR, E2E_PORT } from './build';

export const E2E_EXTENSION_DIR = path.join(E2E_OUT_DIR, 'chrome-mv3');
export const E2E_FIREFOX_EXTENSION_DIR = path.join(E2E_OUT_DIR, 'firefox-mv3');

export async function startE2EServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(loadConfig({ PORT: String(E2E_PORT), GUEST_PAGE_DIR: E2E_GUEST_DIR, ...env }), { log: silentLog });
}

export async function launch(name: string, lang?: string, options?: LaunchOptions): Promise<Person> {
  return launchPerson(name, E2E_EXTENSION_DIR, lang, options);
}
