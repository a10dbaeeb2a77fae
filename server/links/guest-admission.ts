import type { LinkRefusal } from '../../lib/protocol/call-link';
import { quotaKey } from '../client-address';
import type { KeyedLimit, Limits } from '../rate-limit';
import type { LinkLookup, LinkStore } from './link-store';

type Answer = LinkLookup | { ok: false; reason: LinkRefusal };

/** Opening a link only reads it; still bounded per address, so a client cannot sweep tokens cheaply. */
const OPENS_PER_ADDRESS_PER_MINUTE = 30;

/**
 * Who may open a link and ring through it: the link must be live, and joins are counted per link and per
 * client address (an IPv6 /64 counts as one), so a shared link cannot be turned into a ring storm. Counted
 * across nodes: a guest's page may talk to any of them.
 */
export class GuestAdmission {
  private readonly opens: KeyedLimit;
  private readonly perLink: KeyedLimit;
  private readonly perAddress: KeyedLimit;

  constructor(
    private readonly links: LinkStore,
    config: { linkJoinsPerMinute: number; linkJoinsPerAddressPerMinute: number },
    limits: Limits,
  ) {
    this.opens = limits('link-opens', OPENS_PER_ADDRESS_PER_MINUTE, 60_000);
    this.perLink = limits('link-joins', config.linkJoinsPerMinute, 60_000);
    this.perAddress = limits('link-joins-by-address', config.linkJoinsPerAddressPerMinute, 60_000);
  }

  async open(token: string, address: string): Promise<Answer> {
    if (!(await this.opens.take(quotaKey(address)))) return { ok: false, reason: 'rate-limited' };
    return this.links.lookup(token);
  }

  /** Read afresh: the link may have been used or revoked since the page opened it. */
  async join(token: string, linkId: string, address: string): Promise<Answer> {
    const [byLink, byAddress] = await Promise.all([this.perLink.take(linkId), this.perAddress.take(quotaKey(address))]);
    if (!byLink || !byAddress) return { ok: false, reason: 'rate-limited' };
    return this.links.lookup(token);
  }

  consume(linkId: string): Promise<boolean> {
    return this.links.consume(linkId);
  }
}
