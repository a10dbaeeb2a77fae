import { LINK_PATH } from '../../lib/protocol/call-link';

/** A path as it may be logged: a call link's token is cut out (`/c/<token>` reads `/c/…`). */
export function withoutLinkToken(path: string): string {
  return path.startsWith(`${LINK_PATH}/`) ? `${LINK_PATH}/…` : path;
}
