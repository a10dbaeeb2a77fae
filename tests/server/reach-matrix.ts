import type { Status, WhoCanCall } from '../../lib/protocol/reach';
import type { PresenceState } from '../../lib/protocol/wire';

/**
 * Every cell of the policy matrix from issue 14, with what it must do, written out from the rules in words
 * (not from the policy code): Alice rings Bob. `contact` means they have each other in their contacts.
 */
export interface Cell {
  name: string;
  who: WhoCanCall;
  contact: boolean;
  blocked: boolean;
  status: Status;
  online: boolean;
  expect: {
    rings: boolean;
    /** What Alice's call window is told: `ringing`, or `ended unavailable`. */
    told: 'ringing' | 'unavailable';
    request: boolean;
    missed: boolean;
    relay: boolean;
    aliceSeesBob: PresenceState;
    bobSeesAlice: PresenceState;
  };
}

const WHO: WhoCanCall[] = ['everyone', 'contacts', 'nobody'];
const STATUS: Status[] = ['available', 'dnd', 'invisible'];

function expected(who: WhoCanCall, contact: boolean, blocked: boolean, status: Status, online: boolean): Cell['expect'] {
  // Bob's setting lets Alice through: never when blocked; "contacts" only for a contact; "nobody" nobody.
  const allowed = !blocked && (who === 'everyone' || (who === 'contacts' && contact));
  const rings = allowed && online && status === 'available';
  return {
    rings,
    told: rings ? 'ringing' : 'unavailable',
    // A stranger kept out by contacts-only leaves one silent request; nobody else does.
    request: !blocked && !contact && who === 'contacts',
    // Someone allowed, calling while Bob is online but on do not disturb or invisible.
    missed: allowed && online && status !== 'available',
    relay: !contact,
    aliceSeesBob: allowed && online && status !== 'invisible' ? (status === 'dnd' ? 'busy' : 'online') : 'offline',
    // Alice keeps the defaults (contacts only, available): Bob sees her only if she has him as a contact.
    bobSeesAlice: contact ? 'online' : 'offline',
  };
}

export const matrix: Cell[] = WHO.flatMap((who) =>
  [true, false].flatMap((contact) =>
    [true, false].flatMap((blocked) =>
      STATUS.flatMap((status) =>
        [true, false].map((online) => {
          const e = expected(who, contact, blocked, status, online);
          const name =
            `who=${who}, ${contact ? 'contact' : 'stranger'}, ${blocked ? 'blocked' : 'not blocked'}, ${status}, ${online ? 'online' : 'offline'}` +
            ` → ${e.rings ? `rings${e.relay ? ' relayed' : ' direct'}` : 'unavailable'}` +
            `${e.request ? ', request' : ''}${e.missed ? ', missed call' : ''}; Alice sees Bob ${e.aliceSeesBob}, Bob sees Alice ${e.bobSeesAlice}`;
          return { name, who, contact, blocked, status, online, expect: e };
        }),
      ),
    ),
  ),
);
