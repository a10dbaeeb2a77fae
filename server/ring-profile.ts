import * as v from 'valibot';
import { AvatarUrl, DisplayName } from '../lib/protocol/ring';

/**
 * The caller as X showed them at their last Sign in with X, for the callee's toast. Only what the ring's
 * schema accepts goes out: a name or picture URL it refuses would make the callee drop the whole ring.
 */
export function ringProfile(caller: { name?: string; avatarUrl?: string }): { name?: string; avatarUrl?: string } {
  const name = v.safeParse(DisplayName, caller.name ?? '');
  const avatar = v.safeParse(AvatarUrl, caller.avatarUrl ?? '');
  return { ...(name.success ? { name: name.output } : {}), ...(avatar.success ? { avatarUrl: avatar.output } : {}) };
}
