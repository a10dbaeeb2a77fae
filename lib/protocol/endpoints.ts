/** Where the server answers, on its one HTTP origin: the ring protocol's WebSocket and PeerJS's server. */
export const RING_SOCKET_PATH = '/ws';
export const PEER_SERVER_PATH = '/peerjs';
/** PeerJS's `key`: both ends must agree on it; a public constant, not a secret. */
export const PEER_SERVER_KEY = 'peerjs';
