import { describe, expect, it } from 'vitest';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

/** Read with the same parser the build uses, so this is what ships in _locales. */
async function load(locale: string) {
  return generateChromeMessages(await parseMessagesFile(`locales/${locale}.yml`));
}

const placeholders = (text: string) => [...text.matchAll(/\$\d|\{\w+\}/g)].map((m) => m[0]).sort();

describe('translations', () => {
  it('French has every English message and nothing else', async () => {
    const [en, fr] = await Promise.all([load('en'), load('fr')]);
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('each French message fills the same placeholders as its English original, and none is empty', async () => {
    const [en, fr] = await Promise.all([load('en'), load('fr')]);
    for (const [key, { message }] of Object.entries(en)) {
      expect(message.trim(), key).not.toBe('');
      expect(placeholders(fr[key]!.message), key).toEqual(placeholders(message));
    }
  });
});
