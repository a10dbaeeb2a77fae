import type { ShortLivedRecords } from '../cluster/short-lived';

/**
 * Sign-ins begun and not yet finished, kept where every node reads them (the cluster's short-lived records),
 * so X may send a person back to any node. Each client address holds at most `perAddress`: past that its own
 * oldest goes, so a flood from one address delays nobody else's sign-in.
 */
export class PendingSignIns<T> {
  constructor(
    private readonly records: ShortLivedRecords,
    /** Keeps one kind of sign-in apart from another in the shared records. */
    private readonly kind: string,
    private readonly limits: { perAddress: number; ttlMs: number },
  ) {}

  add(state: string, value: T, address: string): Promise<void> {
    return this.records.put(`${this.kind}:${state}`, JSON.stringify(value), this.limits.ttlMs, { group: `${this.kind}:${address}`, max: this.limits.perAddress });
  }

  /** Single use, on every node: the entry is gone whatever the caller does with it. */
  async take(state: string): Promise<T | undefined> {
    // A state is our own base64url: anything else was never issued, and is never looked up.
    if (!/^[\w-]{1,64}$/.test(state)) return undefined;
    const text = await this.records.take(`${this.kind}:${state}`);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
}
