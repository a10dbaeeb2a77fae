import type { ShortLivedRecords } from './short-lived';

interface Entry {
  value: string;
  expiresAt: number;
  group?: string;
}

/**
 * Short-lived records in this process: at most `maxRecords` of them, the oldest going first when full (each
 * kind's records live the same time, so age order is nearly expiry order), and at most a quota per group.
 */
export class MemoryRecords implements ShortLivedRecords {
  /** Insertion order is age order: a record put again moves to the end. */
  private readonly entries = new Map<string, Entry>();
  /** Each group's live keys, oldest first. */
  private readonly groups = new Map<string, string[]>();

  constructor(private readonly maxRecords: number) {}

  async put(key: string, value: string, ttlMs: number, quota?: { group: string; max: number }): Promise<void> {
    const now = Date.now();
    this.delete(key);
    for (const [oldest, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxRecords) break;
      this.delete(oldest);
    }
    if (quota) {
      const own = this.groups.get(quota.group) ?? [];
      for (const oldest of own.slice(0, Math.max(0, own.length - quota.max + 1))) this.delete(oldest);
      this.groups.set(quota.group, [...(this.groups.get(quota.group) ?? []), key]);
    }
    this.entries.set(key, { value, expiresAt: now + ttlMs, group: quota?.group });
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key);
  }

  /** Read and removed in the same turn: no other taker can come between. */
  async take(key: string): Promise<string | undefined> {
    const value = this.live(key);
    this.delete(key);
    return value;
  }

  private live(key: string): string | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (entry.group === undefined) return;
    const left = (this.groups.get(entry.group) ?? []).filter((k) => k !== key);
    if (left.length) this.groups.set(entry.group, left);
    else this.groups.delete(entry.group);
  }
}
