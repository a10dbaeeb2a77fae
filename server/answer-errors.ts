import type { NextFunction, Request, Response } from 'express';
import { describeFailure, type Log } from './log';
import { withoutLinkToken } from './links/redact';

/**
 * The last express handler: a request that broke something (a malformed URL escape, a bug of ours) gets a
 * short JSON answer, never express's default page with a stack trace. Client faults are logged in a line,
 * our own with the stack, in the log only.
 */
export function answerWithoutStack(log: Log) {
  return (error: Error & { status?: number; statusCode?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    const clientFault = status >= 400 && status < 500;
    // A call link's token is in its path, and express quotes a bad path in its message: neither is logged.
    const path = withoutLinkToken(req.path);
    const hidden = path !== req.path;
    if (clientFault) log.warn(`${req.method} ${path} refused ${status}${hidden ? '' : `: ${error.message}`}`, { source: req.socket.remoteAddress });
    else log.error(`${req.method} ${path} failed: ${hidden ? error.name : describeFailure(error)}`, { source: req.socket.remoteAddress });
    if (res.headersSent) return void res.destroy();
    res.status(clientFault ? status : 500).json({ error: clientFault ? 'Bad request.' : 'Internal error.' });
  };
}
