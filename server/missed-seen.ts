import type { ClusterState } from './cluster/state';
import { same, type Device } from './presence';

/**
 * One device of an account showed its missed calls: its other devices hear when, on whichever node they are,
 * and stop counting the missed calls from before then. Only the account's own devices hear it; a guest has
 * no other device.
 */
export async function tellOtherDevices(presence: Pick<ClusterState, 'devices' | 'send'>, from: Device, upTo: number): Promise<void> {
  if (from.guest) return;
  for (const device of await presence.devices(from.handle)) if (!same(device, from)) presence.send(device, { type: 'missed.seen', upTo });
}
