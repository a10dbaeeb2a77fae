/**
 * Sign-ins begun and not yet finished, bounded in total and per client address. When full, the oldest goes
 * first, and an address over its quota only pushes out its own oldest: a flood from many addresses delays a
 * stranger's sign-in at worst (a state evicted before its owner came back), never refuses everyone's.
 */
export class PendingSignIns<T> {
  /** Insertion order is age order: every entry lives the same TTL, so the expired ones are at the front. */
  private readonly byState = new Map<string, { value: T; address: string; expiresAt: number }>();
  private readonly byAddress = new Map<string, string[]>();

  constructor(
    private readonly limits: { total: number; perAddress: number; ttlMs: number },
  ) {}

  add(state: string, value: T, address: string, now: number): void {
    this.sweep(now);
    const own = this.byAddress.get(address) ?? [];
    if (own.length >= this.limits.perAddress) this.delete(own[0]!);
    else if (this.byState.size >= this.limits.total) this.delete(this.byState.keys().next().value!);
    this.byState.set(state, { value, address, expiresAt: now + this.limits.ttlMs });
    this.byAddress.set(address, [...(this.byAddress.get(address) ?? []), state]);
  }

  /** Single use: the entry is gone whatever the caller does with it. */
  take(state: string, now: number): T | undefined {
    const entry = this.byState.get(state);
    if (!entry) return undefined;
    this.delete(state);
    return entry.expiresAt > now ? entry.value : undefined;
  }

  get size(): number {
    return this.byState.size;
  }

  private sweep(now: number): void {
    for (const [state, entry] of this.byState) {
      if (entry.expiresAt > now) return;
      this.delete(state);
    }
  }

  private delete(state: string): void {
    const entry = this.byState.get(state);
    if (!entry) return;
    this.byState.delete(state);
    const left = (this.byAddress.get(entry.address) ?? []).filter((s) => s !== state);
    if (left.length) this.byAddress.set(entry.address, left);
    else this.byAddress.delete(entry.address);
  }
}
