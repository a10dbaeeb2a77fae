import { createHmac } from 'node:crypto';
import type { IceServer } from '../lib/protocol/wire';
import type { TurnConfig } from './config';

/**
 * coturn's REST shared-secret credentials (`use-auth-secret`): the username carries its own expiry, the
 * password is base64(HMAC-SHA1(secret, username)), and coturn refuses both once the time has passed.
 */
export function turnCredentials(turn: TurnConfig, userId: string, now = Date.now()): IceServer {
  const username = `${Math.floor(now / 1000) + turn.ttlSeconds}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}
