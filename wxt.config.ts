import path from 'node:path';
import { defineConfig } from 'wxt';
import { X_MATCHES } from './lib/protocol/x-origins';
import { compileHint } from './scripts/compile-hint';
import { ICON_PATHS, renderIcons } from './scripts/icons';

const serverUrl = new URL(process.env.RINGSIDE_SERVER_URL ?? 'http://127.0.0.1:8787');

export default defineConfig({
  /** Tests build a copy pointed at their own server without touching the one `npm start` serves. */
  outDir: process.env.RINGSIDE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module', '@wxt-dev/webextension-polyfill'],
  vite: () => ({
    define: { __RINGSIDE_SERVER_URL__: JSON.stringify(serverUrl.origin) },
    build: { rollupOptions: { output: { postBanner: compileHint } } },
  }),
  // The toolbar icons are drawn once, as SVG (assets/icon.svg), and rendered to PNG on every build.
  hooks: {
    'build:publicAssets': (wxt, files) => void files.push(...renderIcons(path.join(wxt.config.wxtDir, 'icons'))),
    'prepare:publicPaths': (_, paths) => void paths.push(...ICON_PATHS),
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: the x.com tabs already open when Ringside is installed or updated get its buttons (x-tabs.ts).
    // offscreen: the ringtone plays in an offscreen document, Chromium's only way for an extension to play sound.
    permissions: ['storage', 'notifications', 'alarms', 'identity', 'scripting', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: [...X_MATCHES, `${serverUrl.origin}/*`],
    action: { default_title: '__MSG_extName__' },
    browser_specific_settings: browser === 'firefox' ? { gecko: { id: 'ringside@ringside.app' } } : undefined,
  }),
});
