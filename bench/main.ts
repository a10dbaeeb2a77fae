import { readFileSync } from 'node:fs';
import { buildE2EExtension, buildE2EGuestPage } from '../tests/e2e/harness/build';
import { benchCallLink } from './call-link';
import { benchCallSetup } from './call-setup';
import { benchContentScript } from './content-script';
import { benchContentScriptFirefox } from './content-script-firefox';
import { benchServer, benchServerCalls, benchServerRings } from './server';
import { benchServerAdmission } from './server-admission';
import { benchServerStart } from './server-start';
import { benchServerTwoNodes } from './server-two-nodes';
import { benchUnitTier } from './unit-tier';

/** `npm run bench [-- name…]`: runs the named benchmarks (all by default) and writes bench/results/. */
const all: Record<string, () => Promise<string>> = {
  'call-setup': benchCallSetup,
  'content-script': benchContentScript,
  'call-link': benchCallLink,
  'server-start': benchServerStart,
  'unit-tier': benchUnitTier,
  'content-script-firefox': benchContentScriptFirefox,
  server: benchServer,
  'server-two-nodes': benchServerTwoNodes,
  'server-calls': benchServerCalls,
  'server-rings': benchServerRings,
  'server-admission': benchServerAdmission,
};
/** The benchmarks that load the built extension into a browser, and the one that serves the guest page. */
const inBrowser = new Set(['call-setup', 'content-script', 'call-link', 'content-script-firefox']);
// `server-admission` and `server-rings` repeat parts of `server`: only when asked for.
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all).filter((name) => name !== 'server-admission' && name !== 'server-rings');
if (chosen.some((name) => inBrowser.has(name))) buildE2EExtension();
if (chosen.includes('call-link')) buildE2EGuestPage();
for (const name of chosen) {
  const run = all[name];
  if (!run) {
    console.error(`No benchmark called "${name}". There are: ${Object.keys(all).join(', ')}.`);
    process.exit(2);
  }
  const file = await run();
  console.info(`${name}: ${file}`);
  console.info(JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).figures, null, 2));
}
process.exit(0);
