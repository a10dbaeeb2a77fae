export interface LoopbackCoturn {
  /** `turn:127.0.0.1:<port>?transport=udp`, for TURN_URLS. */
  url: string;
  /** The REST shared secret made for this run, for TURN_SECRET. */
  secret: string;
  stop(): Promise<void>;
}

export function startLoopbackCoturn(): Promise<LoopbackCoturn | null>;

/** A UDP port free on 127.0.0.1 right now. */
export function freeUdpPort(): Promise<number>;
