import pino from 'pino';
import type { Log } from './log';

/**
 * The production log: pino writes one JSON object per line (level, time, msg, account, source), which every
 * log collector reads without a parser of ours. The only file that imports pino.
 */
export function pinoLog(destination: NodeJS.WritableStream = process.stderr): Log {
  const logger = pino(
    {
      base: undefined,
      // Belt and braces: no call site logs these, and should one ever pass them as fields they never reach disk.
      redact: { paths: ['token', 'peerToken', 'sessionId', 'signature', 'sdp', 'payload', 'credential', 'code', 'codeVerifier'], censor: '[redacted]' },
    },
    destination,
  );
  return {
    info: (msg, fields) => logger.info(fields ?? {}, msg),
    warn: (msg, fields) => logger.warn(fields ?? {}, msg),
    error: (msg, fields) => logger.error(fields ?? {}, msg),
  };
}
