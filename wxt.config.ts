import path from 'node:path';
import { defineConfig } from 'wxt';
import { compileHint } from './scripts/compile-hint';
import { ringsideManifest } from './scripts/manifest';
import { ICON_PATHS, renderIcons } from './scripts/icons';

const serverUrl = new URL(process.env.RINGSIDE_SERVER_URL ?? 'http://127.0.0.1:8787');

export default defineConfig({
  /** Tests build a copy pointed at their own server without touching the one `npm start` serves. */
  outDir: process.env.RINGSIDE_OUT_DIR ?? '.output',
  // No auto-imports: every file names what it uses, so the linter's import boundaries see everything.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module', '@wxt-dev/webextension-polyfill'],
  vite: () => ({
    define: {
      __RINGSIDE_SERVER_URL__: JSON.stringify(serverUrl.origin),
      // Test builds only: switches optional browser features off to prove their fallbacks (lib/platform/capabilities.ts).
      __RINGSIDE_WITHOUT__: JSON.stringify(process.env.RINGSIDE_WITHOUT ?? ''),
    },
    build: { rollupOptions: { output: { postBanner: compileHint } } },
  }),
  // The toolbar icons are drawn once, as SVG (assets/icon.svg), and rendered to PNG on every build.
  hooks: {
    'build:publicAssets': (wxt, files) => void files.push(...renderIcons(path.join(wxt.config.wxtDir, 'icons'))),
    'prepare:publicPaths': (_, paths) => void paths.push(...ICON_PATHS),
  },
  // Firefox too (scripts/manifest.ts says why); `--mv2` on the command line still overrides it.
  manifestVersion: 3,
  manifest: ({ browser }) => ringsideManifest(browser, serverUrl.origin),
  // Firefox Add-ons rebuilds the extension from this archive: the extension's sources, not the server's.
  zip: { excludeSources: ['server/**', 'deploy/**', 'bench/**', 'docs/**', 'tests/**', '.output/**'] },
});
