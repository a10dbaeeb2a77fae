import path from 'node:path';
import express, { type Request, type Response } from 'express';

/**
 * The guest page's headers. Everything it loads comes from this server (`'self'` also admits the page's own
 * ws:/wss: socket); nothing may frame it; the token in its URL is never sent on as a Referer.
 */
export const GUEST_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function guestHeaders(res: Response): void {
  res.set({
    'Content-Security-Policy': GUEST_PAGE_CSP,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=()',
  });
}

/**
 * `/c/<token>`: the same static page for every token (the page reads its token from its own URL and hands
 * it over its socket), so a request's path tells the server nothing it logs. `/c/assets/…`: its scripts and
 * styles, with hashed names. No cookie is set but Sign in with X's, at `/c/x/done`.
 */
export function guestPageRoutes(dir: string, xSignInDone?: (req: Request, res: Response) => Promise<void>): express.Router {
  const root = path.resolve(dir);
  const router = express.Router();
  // Where X sends a guest back from Sign in with X (guest-x-sign-in.ts); it sets the page's one cookie.
  if (xSignInDone) router.get('/x/done', (req, res, next) => void xSignInDone(req, res).catch(next));
  router.use(
    '/assets',
    express.static(path.join(root, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
      setHeaders: (res) => guestHeaders(res as Response),
    }),
  );
  router.get('/:token', (_req, res) => {
    guestHeaders(res);
    res.set('Cache-Control', 'no-store');
    res.sendFile(path.join(root, 'index.html'), (error) => {
      if (error && !res.headersSent) res.status(503).type('text/plain').send('The guest page is not built: run npm run build.');
    });
  });
  return router;
}
