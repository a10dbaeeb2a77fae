/** Where the server answers, on its one HTTP origin: the ring protocol's WebSocket and PeerJS's server. */
export const RING_SOCKET_PATH = '/ws';
export const PEER_SERVER_PATH = '/peerjs';
/** PeerJS's `key`: both ends must agree on it; a public constant, not a secret. */
export const PEER_SERVER_KEY = 'peerjs';
/**
 * Where X sends a sign-in back in browsers without an identity API (Safari): the server's own page, whose
 * address the extension reads from the tab. Under the sign-in routes, so it exists exactly when they do.
 */
export const AUTH_DONE_PATH = '/auth/x/done';
/** Sign in with X's routes, the done page among them. */
export const AUTH_PATH = '/auth/x';
