import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { startLoopbackCoturn } from './loopback-coturn.mjs';

/** The product on one machine: build the Chrome extension, then run the server with embedded defaults. */
const serverUrl = process.env.RINGSIDE_SERVER_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8787'}`;
const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, RINGSIDE_SERVER_URL: serverUrl } });
if (build.status !== 0) process.exit(build.status ?? 1);

console.info(`
Ringside extension built in ${path.resolve('.output/chrome-mv3')}
Load it in Chrome, Edge or Brave: open chrome://extensions, turn on Developer mode,
choose "Load unpacked" and pick that folder. Then open x.com, signed in to X.
`);

const env = { ...process.env };
const relay = await startRelay(env);
const server = spawn('npx', ['tsx', 'server/main.ts'], {
  stdio: 'inherit',
  // Development sign-in unless an X app is configured (the server decides; see README "Sign in with X").
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', async (code) => {
  await relay?.stop();
  process.exit(code ?? 0);
});

/**
 * Calls between people who are not each other's contacts go through a TURN relay, so a server without one
 * refuses them. On loopback, with coturn installed and no TURN configured, one is started for this run.
 */
async function startRelay(env) {
  if (env.TURN_SECRET || env.TURN_URLS) {
    console.info('Relay: the TURN server in TURN_URLS.');
    return null;
  }
  const host = env.HOST ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    console.info(`Relay unavailable: the server listens on ${host}; set TURN_SECRET and TURN_URLS for a coturn run with deploy/turnserver.conf.`);
    return null;
  }
  const coturn = await startLoopbackCoturn().catch((error) => {
    console.warn(`coturn did not start (${error.message}).`);
    return null;
  });
  if (!coturn) {
    console.info(
      'Relay unavailable: coturn is not installed (Debian: apt-get install coturn). Calls between people who are not\n' +
        "each other's contacts, or where someone always relays, will not start: the extension says this server cannot hide IP addresses.",
    );
    return null;
  }
  env.TURN_SECRET = coturn.secret;
  env.TURN_URLS = coturn.url;
  console.info(`Relay: coturn started on ${coturn.url} (loopback only, with a secret generated for this run).`);
  return coturn;
}
