import path from 'node:path';
import { loadConfig } from '../../../server/config';
import { startServer, type RunningServer } from '../../../server/app';
import { silentLog } from '../../../server/log';
import { launchPerson, type Person } from './chromium';

/** Must match the RINGSIDE_SERVER_URL the e2e build was made with (global-setup.ts). */
export const E2E_PORT = 18787;
export const E2E_SERVER_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_EXTENSION_DIR = path.resolve('.output/e2e/chrome-mv3');

export async function startE2EServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(loadConfig({ PORT: String(E2E_PORT), ...env }), { log: silentLog });
}

export async function launch(name: string, lang?: string): Promise<Person> {
  return launchPerson(name, E2E_EXTENSION_DIR, lang);
}
