import { WebSocketServer } from 'ws';

/**
 * The floor the server under test is measured against: a `ws` server that greets each socket (as Ringside's
 * challenge does) and answers its pings, nothing else. Plain JavaScript, started as `node`, like the server.
 */
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0), maxPayload: 4096 });
wss.on('connection', (socket) => {
  socket.on('error', () => {});
  socket.on('message', () => socket.send('pong'));
  socket.send('hello');
});
wss.on('listening', () => console.log(`bare ws listening on ws://127.0.0.1:${wss.address().port}`));
