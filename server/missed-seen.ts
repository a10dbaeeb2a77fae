import type { Device, Presence } from './presence';

/**
 * One device of an account showed its missed calls: its other devices hear when, and stop counting the
 * missed calls from before then. Only the account's own devices hear it; a guest has no other device.
 */
export function tellOtherDevices(presence: Pick<Presence, 'devices'>, from: Device, upTo: number): void {
  if (from.guest) return;
  for (const device of presence.devices(from.handle)) if (device !== from) device.send({ type: 'missed.seen', upTo });
}
