/**
 * Small records that live minutes, not days, and that any node may be asked about: a Sign in with X begun on
 * one node and finished on another, a call link guest's proof of who they are. Kept beside the cluster state
 * (in this process, or in Redis), so a load balancer may send each request to any node.
 */
export interface ShortLivedRecords {
  /**
   * Keeps `value` under `key` for `ttlMs`. With a quota, the group (a client address) holds at most `max`
   * records: past that its own oldest goes, never another group's, so a flood from one address cannot push out
   * a stranger's record.
   */
  put(key: string, value: string, ttlMs: number, quota?: { group: string; max: number }): Promise<void>;
  get(key: string): Promise<string | undefined>;
  /** The value, removed in the same step: of several nodes asking at once, exactly one gets it. */
  take(key: string): Promise<string | undefined>;
}
