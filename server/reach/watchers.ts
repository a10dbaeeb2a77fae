import type { PresenceState } from '../../lib/protocol/wire';
import type { Log } from '../log';
import { describeFailure } from '../log';
import type { ClusterState } from '../cluster/state';
import { accountOf, type Device } from '../presence';
import type { KeyedLimit } from '../rate-limit';
import { visibleState } from './policy';
import type { ReachStore } from './store';

type State = { handle: string; state: PresenceState };

/**
 * Live presence: each device watches the handles it shows, and hears each one's state as that device may
 * see it, at once and again whenever it changes. The state someone may not see reads `offline`, exactly as
 * for a handle nobody uses. Watches live with the socket and end with it.
 */
export class PresenceWatchers {
  private readonly watched = new Map<Device, Set<string>>();
  private readonly watchers = new Map<string, Set<Device>>();
  private readonly sent = new Map<Device, Map<string, PresenceState>>();
  /** Bumped as each re-evaluation of a handle starts: a slower, older answer must not overwrite it. */
  private readonly generation = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly watches: KeyedLimit;

  constructor(
    private readonly presence: ClusterState,
    private readonly store: Pick<ReachStore, 'record'>,
    watchesPerMinute: number,
    private readonly log: Log,
  ) {
    this.watches = presence.limits('presence-watch', watchesPerMinute, 60_000);
    presence.onChange((handle) => this.changed(handle));
  }

  /** Replaces the device's watched handles and sends the state of each. */
  async watch(device: Device, handles: readonly string[]): Promise<void> {
    if (!(await this.watches.take(accountOf(device)))) return device.send({ type: 'limited', action: 'presence' });
    this.unwatch(device);
    const set = new Set(handles);
    this.watched.set(device, set);
    this.sent.set(device, new Map());
    for (const handle of set) {
      const devices = this.watchers.get(handle) ?? new Set<Device>();
      devices.add(device);
      this.watchers.set(handle, devices);
    }
    const started = new Map([...set].map((handle) => [handle, this.generation.get(handle) ?? 0]));
    const states = await this.statesFor(device, [...set]);
    if (this.watched.get(device) !== set) return;
    // A handle re-evaluated meanwhile was (or will be) sent by that newer evaluation.
    const fresh = states.filter((s) => (this.generation.get(s.handle) ?? 0) === started.get(s.handle));
    for (const { handle, state } of fresh) this.sent.get(device)?.set(handle, state);
    device.send({ type: 'presence.changed', states: fresh });
  }

  unwatch(device: Device): void {
    for (const handle of this.watched.get(device) ?? []) {
      const devices = this.watchers.get(handle);
      devices?.delete(device);
      if (devices?.size !== 0) continue;
      this.watchers.delete(handle);
      this.generation.delete(handle);
    }
    this.watched.delete(device);
    this.sent.delete(device);
  }

  /** The handle's presence or lists may have changed: its watchers hear any difference. */
  changed(handle: string): void {
    if (!this.watchers.has(handle)) return;
    if (this.running.has(handle)) return void this.dirty.add(handle);
    this.running.add(handle);
    void this.reevaluate(handle)
      .catch((error: unknown) => this.log.error(`presence of @${handle} not pushed: ${describeFailure(error)}`))
      .finally(() => this.running.delete(handle));
  }

  /** How each handle looks to this viewer now. */
  private async statesFor(viewer: Device, handles: readonly string[]): Promise<State[]> {
    return Promise.all(handles.map(async (handle) => ({ handle, state: (await this.visibleTo(handle, [viewer]))[0]! })));
  }

  private async reevaluate(handle: string): Promise<void> {
    do {
      this.dirty.delete(handle);
      this.generation.set(handle, (this.generation.get(handle) ?? 0) + 1);
      const viewers = [...(this.watchers.get(handle) ?? [])];
      const states = await this.visibleTo(handle, viewers);
      viewers.forEach((viewer, i) => {
        const sent = this.sent.get(viewer);
        const state = states[i]!;
        if (!sent || !this.watched.get(viewer)?.has(handle) || sent.get(handle) === state) return;
        sent.set(handle, state);
        viewer.send({ type: 'presence.changed', states: [{ handle, state }] });
      });
    } while (this.dirty.has(handle));
  }

  private async visibleTo(handle: string, viewers: readonly Device[]): Promise<PresenceState[]> {
    const devices = await this.presence.devices(handle);
    if (devices.length === 0) return viewers.map(() => 'offline');
    const actual: PresenceState = (await this.presence.callsOf(handle)).length > 0 ? 'busy' : 'online';
    const owner = await this.store.record(accountOf(devices[0]!));
    return viewers.map((viewer) => (viewer.handle === handle ? actual : visibleState(owner, viewer, actual)));
  }
}
