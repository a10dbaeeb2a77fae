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
/**
 * With several nodes, each also serves its PeerServer under `/n/<node id>/peerjs`, so a load balancer can send a
 * call's two peers to the node that minted their ids (the one `answered` and `accepted` name).
 */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const NODE_PEER_PATH_PATTERN = /^\/n\/[A-Za-z0-9_-]{1,64}\/peerjs$/;
export const nodePeerPath = (node: string) => `/n/${node}/peerjs`;
