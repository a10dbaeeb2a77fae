import { readFileSync } from 'node:fs';
import { buildE2EExtension } from '../tests/e2e/harness/build';
import { benchCallSetup } from './call-setup';
import { benchContentScript } from './content-script';
import { benchContentScriptFirefox } from './content-script-firefox';

/** `npm run bench [-- name…]`: runs the named benchmarks (all by default) and writes bench/results/. */
const all: Record<string, () => Promise<string>> = {
  'call-setup': benchCallSetup,
  'content-script': benchContentScript,
  'content-script-firefox': benchContentScriptFirefox,
};
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
buildE2EExtension();
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
