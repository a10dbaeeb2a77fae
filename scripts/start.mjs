import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/** The product on one machine: build the Chrome extension, then run the server with embedded defaults. */
const serverUrl = process.env.RINGSIDE_SERVER_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8787'}`;
const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, RINGSIDE_SERVER_URL: serverUrl } });
if (build.status !== 0) process.exit(build.status ?? 1);

console.info(`
Ringside extension built in ${path.resolve('.output/chrome-mv3')}
Load it in Chrome, Edge or Brave: open chrome://extensions, turn on Developer mode,
choose "Load unpacked" and pick that folder. Then open x.com, signed in to X.
`);

// The compiled server, as in production: tsx's wrapper processes and load-time transforms cost memory (issue 18).
const serverBuild = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
if (serverBuild.status !== 0) process.exit(serverBuild.status ?? 1);
const server = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.mjs'], {
  stdio: 'inherit',
  // Development sign-in unless an X app is configured (the server decides; see README "Sign in with X").
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
