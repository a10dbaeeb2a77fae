import { execFileSync } from 'node:child_process';
import { E2E_SERVER_URL } from './harness/world';

/** Builds the extension pointed at the test server, beside (never over) the one `npm start` builds. */
export default function setup() {
  execFileSync('npx', ['wxt', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, RINGSIDE_SERVER_URL: E2E_SERVER_URL, RINGSIDE_OUT_DIR: '.output/e2e' },
  });
}
