import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/** The product on one machine: build the Chrome extension, then run the server with embedded defaults. */
const serverUrl = process.env.RINGSIDE_SERVER_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8787'}`;
const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, RINGSIDE_SERVER_URL: serverUrl } });
if (build.status !== 0) process.exit(build.status ?? 1);
// The call links' guest page, which the server itself serves at /c/<token>.
const guestBuild = spawnSync('npx', ['vite', 'build', '-c', 'guest/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (guestBuild.status !== 0) process.exit(guestBuild.status ?? 1);

console.info(`
Ringside extension built in ${path.resolve('.output/chrome-mv3')}
Load it in Chrome, Edge or Brave: open chrome://extensions, turn on Developer mode,
choose "Load unpacked" and pick that folder. Then open x.com, signed in to X.
`);

const server = spawn('npx', ['tsx', 'server/main.ts'], {
  stdio: 'inherit',
  // Development sign-in unless an X app is configured (the server decides; see README "Sign in with X").
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
