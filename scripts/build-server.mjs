import { build } from 'esbuild';

/**
 * The server as one compiled file, dist/server/main.mjs, which `npm run start:server` and the deploy files run
 * with plain `node`: no tsx wrapper processes and no transform at load (tsx costs about 70 MB before any
 * client, issue 18). Packages stay external: they are installed by `npm ci` and some carry native code.
 * Type checking is `tsc -b`'s job; esbuild only strips the types.
 */
const result = await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.info(`dist/server/main.mjs built (${Math.round(bytes / 1024)} KiB with its source map)`);
