import type { NextFunction, Request, Response } from 'express';
import { describeFailure, type Log } from './log';

/**
 * The last express handler: a request that broke something (a malformed URL escape, a bug of ours) gets a
 * short JSON answer, never express's default page with a stack trace. Client faults are logged in a line,
 * our own with the stack, in the log only.
 */
export function answerWithoutStack(log: Log) {
  return (error: Error & { status?: number; statusCode?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    const clientFault = status >= 400 && status < 500;
    if (clientFault) log.warn(`${req.method} ${req.path} refused ${status}: ${error.message}`, { source: req.socket.remoteAddress });
    else log.error(`${req.method} ${req.path} failed: ${describeFailure(error)}`, { source: req.socket.remoteAddress });
    if (res.headersSent) return void res.destroy();
    res.status(clientFault ? status : 500).json({ error: clientFault ? 'Bad request.' : 'Internal error.' });
  };
}
