import type { Request, Response } from 'express';

const WORDS = {
  en: { title: 'Ringside', text: 'Signing you in to Ringside… This tab closes by itself; if it stays open, you can close it.' },
  fr: { title: 'Ringside', text: 'Connexion à Ringside en cours… Cet onglet se ferme tout seul ; s’il reste ouvert, vous pouvez le fermer.' },
} as const;

/**
 * The page X redirects a tab sign-in to (Safari). The extension reads the code from the tab's address and
 * closes the tab; the page only has to say so in case it stays. It runs nothing, loads nothing, and keeps
 * the code out of caches and referrers.
 */
export function authDonePage(req: Request, res: Response): void {
  const lang = req.acceptsLanguages('en', 'fr') === 'fr' ? 'fr' : 'en';
  const { title, text } = WORDS[lang];
  res
    .set({
      'content-security-policy': "default-src 'none'",
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-language': lang,
    })
    .type('html')
    .send(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><p>${text}</p></html>`);
}
