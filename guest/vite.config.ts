import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { defineConfig, type Plugin } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const project = path.dirname(root);
const LOCALES = 'virtual:ringside-locales';

/**
 * The extension's own locales/*.yml, parsed by the same parser WXT uses, as a module the guest page
 * imports: one set of strings for both, though the page has no `browser.i18n`.
 */
function locales(): Plugin {
  return {
    name: 'ringside-locales',
    resolveId: (id) => (id === LOCALES ? `\0${LOCALES}` : undefined),
    async load(id) {
      if (id !== `\0${LOCALES}`) return undefined;
      const table: Record<string, Record<string, string>> = {};
      for (const lang of ['en', 'fr']) {
        const file = path.join(project, 'locales', `${lang}.yml`);
        this.addWatchFile(file);
        const messages = await parseMessagesFile(file);
        table[lang] = Object.fromEntries(messages.flatMap((m) => (m.type === 'simple' ? [[m.key.join('_'), m.message]] : [])));
      }
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

/**
 * The guest page (DESIGN §1): a plain web page the server serves at `/c/<token>`, built from the call
 * window's components and lib/call. Relative URLs throughout (`base: './'`), so it works under any path a
 * reverse proxy gives the server; no inline script or style, so the server's CSP can forbid both.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [locales()],
  resolve: {
    alias: { '#i18n': path.join(root, 'i18n.ts'), '@': project },
  },
  build: {
    outDir: process.env.RINGSIDE_GUEST_OUT_DIR ?? path.join(project, '.output/guest'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
