import { spawn, spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

/** Production runs the compiled file with plain node (npm run start:server): it must build, start, answer and drain. */
it('builds to dist/server/main.mjs, which serves /healthz and exits cleanly on SIGTERM', async () => {
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  const child = spawn(process.execPath, ['dist/server/main.mjs'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}`)));
  });
  expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true });
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 30_000);
