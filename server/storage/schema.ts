/**
 * The tables as the latest migration leaves them, for Kysely's type checking. A migration that adds or
 * changes a table changes its type here in the same commit. Times are milliseconds since the epoch.
 */
export interface Schema {
  accounts: AccountsTable;
  sessions: SessionsTable;
  session_revocations: SessionRevocationsTable;
  reach_entries: ReachEntriesTable;
  reach_settings: ReachSettingsTable;
  call_requests: CallRequestsTable;
  call_links: CallLinksTable;
  carried_rings: CarriedRingsTable;
}

export interface AccountsTable {
  /** X's numeric user id: the account. */
  user_id: string;
  /** Lower case; null once another account signed in with it. Unique among non-null values. */
  handle: string | null;
  name: string;
  profile_image_url: string | null;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session id (base64url): a copy of the database signs nobody in. */
  id: string;
  user_id: string;
  /** The install's device public key (JWK, JSON): every socket the session opens must be signed by it. */
  device_key: string;
  created_at: number;
  /** Slides forward while the session is used. */
  expires_at: number;
}

/** Recent revocations, read by every node so it closes its own sockets of a session revoked elsewhere. */
export interface SessionRevocationsTable {
  /** The session's `sessions.id`: the digest, never the id itself. */
  session_id: string;
  reason: string;
  revoked_at: number;
}

/** An account is an X user id, or `@handle` under development sign-in. */
export interface ReachEntriesTable {
  owner: string;
  list: 'contact' | 'blocked';
  /** Lower case, as the owner typed it. */
  handle: string;
  /** The X account behind the handle, once known: matched before the handle. */
  user_id: string | null;
  added_at: number;
}

export interface ReachSettingsTable {
  owner: string;
  who_can_call: 'everyone' | 'contacts' | 'nobody';
  status: 'available' | 'dnd' | 'invisible';
  /** 0 or 1: both engines know integers. */
  always_relay: number;
  updated_at: number;
}

export interface CallRequestsTable {
  owner: string;
  /** The caller's account. */
  caller: string;
  caller_handle: string;
  verified: number;
  at: number;
  dismissed: number;
}

/** One call link. `token_hash` is SHA-256 of the token, hex: the token itself is never stored. */
export interface CallLinksTable {
  id: string;
  token_hash: string;
  /** Lower case; whose devices the link rings. */
  owner_handle: string;
  /** The owner's X user id; null under development sign-in. */
  owner_user_id: string | null;
  created_at: number;
  expires_at: number;
  /** `live` until the first call through it connects (`used`) or its owner revokes it (`revoked`). */
  state: 'live' | 'used' | 'revoked';
}

/** A ring in flight when a single node stopped on purpose: its call record (JSON) until the next start takes it. */
export interface CarriedRingsTable {
  call_id: string;
  record: string;
  expires_at: number;
}
