import messages from 'virtual:ringside-locales';
// Erased at build time (a type): the guest page's `#i18n` is this file, typed as the extension's.
import type { i18n as ExtensionI18n } from '#i18n';

/** The page's language: French where the browser prefers it, English otherwise. */
export const language: 'en' | 'fr' = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';

/** `$1`…`$9` as browser.i18n substitutes them; a key missing in French falls back to English. */
function t(key: string, substitutions: Array<string | number> = []): string {
  const message = messages[language][key] ?? messages.en[key] ?? key;
  return message.replace(/\$(\d)/g, (_, n: string) => String(substitutions[Number(n) - 1] ?? ''));
}

/** What `#i18n` gives the extension (WXT over browser.i18n), for the same components on a plain page. */
export const i18n = { t } as unknown as typeof ExtensionI18n;
