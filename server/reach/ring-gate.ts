import type { Log } from '../log';
import { describeFailure } from '../log';
import { accountOf, type Device } from '../presence';
import type { KeyedLimit, Limits } from '../rate-limit';
import { isListed, type RingFacts } from './policy';
import type { ReachService } from './service';
import type { ReachStore } from './store';

export interface RingLimits {
  ringsPerMinute: number;
  ringsToStrangerPerHour: number;
}

export type ReadFacts = Omit<RingFacts, 'calleeOnline'> & { calleeAccount: string | undefined };

/**
 * What a ring needs to know before the policy decides, read afresh from the store each time (a setting
 * changed a moment ago on another device holds), and the limits that count rings.
 */
export class RingGate {
  private readonly perMinute: KeyedLimit;
  private readonly perStranger: KeyedLimit;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: ReachStore,
    private readonly reach: ReachService,
    readonly limits: RingLimits,
    private readonly log: Log,
    counted: Limits,
  ) {
    this.perMinute = counted('rings', limits.ringsPerMinute, 60_000);
    this.perStranger = counted('rings-to-one', limits.ringsToStrangerPerHour, 3600_000);
  }

  /** Counted first and cheaply, so a flood of rings never reaches the database. */
  admit(caller: Device): Promise<boolean> {
    return this.perMinute.take(accountOf(caller));
  }

  /**
   * Both people's records, whatever the answer will be: a refused ring costs the same reads as one that
   * rings, so the time to the answer tells the caller nothing. The per-stranger limit counts rings to
   * people not in the caller's own contacts (asking the callee's would tell the caller what the callee thinks).
   */
  async read(caller: Device, to: string): Promise<ReadFacts> {
    const { account: calleeAccount, person: callee } = await this.store.accountOfHandle(to);
    const [callerRecord, calleeRecord] = await this.store.records(accountOf(caller), calleeAccount);
    // Counted for every ring, enforced for strangers only: the same work either way, so the answer's timing
    // does not depend on the caller's own list either.
    const withinHour = await this.perStranger.take(`${accountOf(caller)}>${to}`);
    const overLimit = !withinHour && !isListed(callerRecord.contacts, callee);
    return { caller, callerRecord, callee, calleeRecord, calleeAccount, overLimit };
  }

  /** After the caller heard `unavailable`: keeps the request (one a day) and shows it on the callee's devices. */
  request(caller: Device, to: string, calleeAccount: string | undefined): void {
    if (calleeAccount === undefined) return;
    this.track(async () => {
      if (await this.store.recordRequest(calleeAccount, caller, accountOf(caller))) await this.reach.push(calleeAccount, to);
    });
  }

  /** Writes still running, for a server that closes its database after them. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  private track(work: () => Promise<void>): void {
    const done: Promise<void> = work()
      .catch((error: unknown) => this.log.error(`call request not recorded: ${describeFailure(error)}`))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }
}
