import type { ServerMessage } from '../../lib/protocol/wire';
import type { Device } from '../presence';

/** The devices whose sockets this node holds, by id: where a message for this node ends up. */
export class LocalDevices {
  private readonly byId = new Map<string, Device>();
  private readonly perHandle = new Map<string, number>();

  add(device: Device): void {
    if (this.byId.has(device.id)) return;
    this.byId.set(device.id, device);
    this.perHandle.set(device.handle, (this.perHandle.get(device.handle) ?? 0) + 1);
  }

  remove(device: Device): void {
    if (this.byId.get(device.id) !== device) return;
    this.byId.delete(device.id);
    const left = (this.perHandle.get(device.handle) ?? 1) - 1;
    if (left === 0) this.perHandle.delete(device.handle);
    else this.perHandle.set(device.handle, left);
  }

  send(id: string, message: ServerMessage): void {
    this.byId.get(id)?.send(message);
  }

  counts(): { devices: number; accounts: number } {
    return { devices: this.byId.size, accounts: this.perHandle.size };
  }
}
