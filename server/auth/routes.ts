import express, { type Request, type Response } from 'express';
import * as v from 'valibot';
import { AUTH_DONE_PATH, AUTH_PATH } from '../../lib/protocol/endpoints';
import { BeginRequest, ExchangeRequest } from '../../lib/protocol/sign-in';
import { quotaKey } from '../client-address';
import { extensionOrigins } from '../extension-origin';
import { describeFailure, quote, type Log } from '../log';
import type { Limits } from '../rate-limit';
import { authDonePage } from './done-page';
import { SignInRefused, type SignIn } from './sign-in';
import { XRefused } from './x-client';

/**
 * `/auth/x/begin` and `/auth/x/exchange`, and the page a tab sign-in lands on (`/auth/x/done`). Only JSON is
 * accepted, so a web page cannot send a request without a preflight, and CORS headers go to extension origins
 * only, so that preflight fails for a page and nothing it asked can be read. Chromium's background, with host
 * permission for the server, needs no CORS at all; Firefox's MV3 background does (measured in Firefox ESR 153:
 * without these headers its sign-in fetch is blocked although the host permission is granted).
 */
export function signInRoutes(
  signIn: SignIn,
  { allowedOrigins, perMinute, addressOf, limits }: { allowedOrigins: string[]; perMinute: number; addressOf: (req: Request) => string; limits: Limits },
  log: Log,
): express.Router {
  const router = express.Router();
  // Sign-in needs no account, so each address gets a few tries a minute, counted across nodes: nobody can fill
  // the pending states.
  const perAddress = limits('sign-in-requests', perMinute, 60_000);
  router.use(express.json({ limit: '4kb', strict: true, type: 'application/json' }));

  const extension = extensionOrigins(allowedOrigins);
  const originAllowed = (origin: string | undefined) => origin === undefined || extension(origin);
  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined || !extension(origin)) return next();
    res.vary('Origin').set('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    res.set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '600' }).sendStatus(204);
  });

  const handle = (name: string, run: (body: unknown, req: Request) => unknown) => async (req: Request, res: Response) => {
    const refuse = (status: number, message: string, detail: string) => {
      log.warn(`/auth/x/${name} from ${addressOf(req)} refused: ${detail}`, { source: addressOf(req) });
      res.status(status).json({ error: message });
    };
    if (!originAllowed(req.headers.origin)) return refuse(403, 'Sign-in is only possible from the Ringside extension.', `origin ${quote(req.headers.origin ?? '')}`);
    if (!req.is('application/json')) return refuse(415, 'Sign-in requests are JSON.', 'not JSON');
    if (!(await perAddress.take(quotaKey(addressOf(req))))) {
      return refuse(429, 'Too many sign-in attempts. Please wait a minute and try again.', 'over the per-address limit');
    }
    try {
      res.json(await run(req.body, req));
    } catch (error) {
      if (error instanceof v.ValiError) return refuse(400, 'That sign-in request was malformed.', v.summarize(error.issues));
      if (error instanceof SignInRefused) return refuse(400, error.message, error.detail);
      if (error instanceof XRefused) return refuse(502, 'X did not confirm who you are. Please sign in again.', error.message);
      log.error(`/auth/x/${name} failed: ${describeFailure(error)}`, { source: addressOf(req) });
      res.status(500).json({ error: 'Sign-in failed on the server. Please try again.' });
    }
  };

  router.get(AUTH_DONE_PATH.slice(AUTH_PATH.length), authDonePage);
  router.post('/begin', handle('begin', (body, req) => signIn.begin(v.parse(BeginRequest, body), quotaKey(addressOf(req)))));
  router.post('/exchange', handle('exchange', (body) => signIn.exchange(v.parse(ExchangeRequest, body))));
  // Malformed JSON bodies land here from express.json.
  router.use((error: Error, req: Request, res: Response, _next: express.NextFunction) => {
    log.warn(`/auth from ${addressOf(req)} refused: ${error.message}`, { source: addressOf(req) });
    res.status(400).json({ error: 'That sign-in request was malformed.' });
  });
  return router;
}
