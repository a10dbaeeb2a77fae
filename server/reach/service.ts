import type { ClientMessage, ServerMessage } from '../../lib/protocol/wire';
import type { Log } from '../log';
import type { ClusterState } from '../cluster/state';
import { accountOf, type Device } from '../presence';
import type { KeyedLimit } from '../rate-limit';
import type { ReachStore } from './store';

export type ReachMessage = Extract<ClientMessage, { type: 'contact.add' | 'contact.remove' | 'block' | 'unblock' | 'request.dismiss' | 'settings.set' }>;

/**
 * An account's contacts, blocks, requests and settings as its devices see and change them. A change is
 * stored before it is answered, and every ring reads the store afresh, so it holds for the next ring on any
 * device or node. Every device of the account gets the fresh state.
 */
export class ReachService {
  private readonly changes: KeyedLimit;

  constructor(
    private readonly store: ReachStore,
    private readonly presence: ClusterState,
    changesPerMinute: number,
    /** Someone's lists or status changed: who may see their presence may have too. */
    private readonly changed: (handle: string) => void,
    private readonly log: Log,
  ) {
    this.changes = presence.limits('reach-change', changesPerMinute, 60_000);
  }

  /** What a device is told right after its welcome: the account's state. */
  async stateFor(device: Device): Promise<Extract<ServerMessage, { type: 'reach' }>> {
    return { type: 'reach', ...(await this.store.reach(accountOf(device))) };
  }

  async change(device: Device, message: ReachMessage): Promise<void> {
    const owner = accountOf(device);
    if (!(await this.changes.take(owner))) {
      this.log.warn(`@${device.handle} is over the reach changes a minute; ${message.type} refused`, { account: owner });
      return device.send({ type: 'limited', action: 'reach' });
    }
    if (!(await this.apply(owner, device, message))) return device.send({ type: 'limited', action: 'reach' });
    await this.push(owner, device.handle);
    this.changed(device.handle);
  }

  /** Sends the account's state to each of its devices online, on any node. */
  async push(owner: string, handle: string): Promise<void> {
    const reach = await this.store.reach(owner);
    for (const device of await this.presence.devices(handle)) {
      if (accountOf(device) === owner) this.presence.send(device, { type: 'reach', ...reach });
    }
  }

  /** False when a list is full. */
  private async apply(owner: string, device: Device, message: ReachMessage): Promise<boolean> {
    switch (message.type) {
      case 'settings.set':
        await this.store.setSettings(owner, message.settings);
        return true;
      case 'request.dismiss':
        await this.store.dismissRequest(owner, message.handle);
        return true;
      case 'contact.remove':
        await this.store.remove(owner, 'contact', message.handle);
        return true;
      case 'unblock':
        await this.store.remove(owner, 'blocked', message.handle);
        return true;
      case 'contact.add':
      case 'block':
        // Listing yourself means nothing; the answer is the unchanged state.
        if (message.handle === device.handle) return true;
        return this.store.add(owner, message.type === 'block' ? 'blocked' : 'contact', message.handle);
    }
  }
}
