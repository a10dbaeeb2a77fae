import type { ClientMessage } from '../../lib/protocol/wire';
import type { Log } from '../log';
import { accountOf, type Device } from '../presence';
import type { KeyedLimit, Limits } from '../rate-limit';
import type { LinkOwner, LinkStore } from './link-store';

type LinkMessage = Extract<ClientMessage, { type: 'link.create' | 'link.revoke' | 'link.list' }>;

const CREATES_PER_MINUTE = 10;

/** An owner's `/ws` requests about their links. The token goes to the asking device and nowhere else (no log). */
export class OwnerLinks {
  /** Counted across nodes: an owner's devices may be on several. */
  private readonly creates: KeyedLimit;

  constructor(
    private readonly links: LinkStore,
    limits: Limits,
    private readonly log: Log,
  ) {
    this.creates = limits('link-creates', CREATES_PER_MINUTE, 60_000);
  }

  async handle(device: Device, message: LinkMessage): Promise<void> {
    const owner: LinkOwner = { handle: device.handle, userId: device.userId };
    switch (message.type) {
      case 'link.create': {
        const link = (await this.creates.take(accountOf(device))) ? await this.links.mint(owner) : undefined;
        if (!link) {
          this.log.warn(`@${device.handle} may not make another call link now (limit)`, { account: accountOf(device) });
          return device.send({ type: 'error', message: 'call link limit' });
        }
        this.log.info(`@${device.handle} made call link ${link.id}`, { account: accountOf(device) });
        device.send({ type: 'link.created', ...link });
        break;
      }
      case 'link.revoke':
        if (await this.links.revoke(owner, message.id)) this.log.info(`@${device.handle} revoked call link ${message.id}`, { account: accountOf(device) });
        break;
      case 'link.list':
        break;
    }
    device.send({ type: 'links', links: await this.links.live(owner) });
  }
}
