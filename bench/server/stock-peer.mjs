import { PeerServer } from 'peer';

/**
 * The stock PeerServer as its README starts it, for idle PeerJS-protocol clients beside Ringside's. Its
 * default concurrent_limit (5,000) would refuse the rest, so it is raised to the clients the bench holds.
 */
const port = Number(process.env.PORT ?? 9000);
const server = PeerServer({ host: '127.0.0.1', port, path: '/', concurrent_limit: Number(process.env.CONCURRENT_LIMIT ?? 5000) }, () =>
  console.log(`stock PeerServer listening on ws://127.0.0.1:${port}/peerjs`),
);
server.on('error', () => {});
