import { build } from 'esbuild';

/**
 * The server as one compiled file, dist/server/main.mjs, which `npm run start:server` and the deploy files run
 * with plain `node`: no tsx wrapper processes and no transform at load (tsx costs about 70 MB before any
 * client, issue 18). Packages stay external: they are installed by `npm ci` and some carry native code.
 * Type checking is `tsc -b`'s job; esbuild only strips the types.
 */
// Another place (inside the repository, where node_modules resolves) keeps a test's build apart from this one.
const outfile = process.argv[2] ?? 'dist/server/main.mjs';
const result = await build({
  entryPoints: ['server/main.ts'],
  outfile,
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
console.info(`${outfile} built (${Math.round(bytes / 1024)} KiB with its source map)`);
