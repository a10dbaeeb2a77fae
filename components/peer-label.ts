import type { GuestInfo } from '@/lib/protocol/call-link';

/**
 * How the call window names the other person in its sentences: "@bob", or a call link's guest by the name
 * they gave (their ring's `from` is only a placeholder handle).
 */
export function peerLabel(peer: string, guest?: GuestInfo | null): string {
  return guest ? guest.name : `@${peer}`;
}
