import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A load balancer in miniature, as deploy/'s nginx routes: a request for `/n/<node>/…` goes to that node (a
 * call's PeerJS peers meet on the node the answer names), everything else to this entrance's own node. It
 * reads each connection's first request line and then pipes bytes, which is all a WebSocket upgrade needs.
 */
export async function startBalancer(port: number, nodes: Record<string, number>, home: string): Promise<{ close(): Promise<void> }> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const route = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const line = head.toString('latin1').split('\r\n')[0];
      if (line === undefined || !head.includes('\r\n')) return;
      client.off('data', route);
      client.pause();
      const node = /^\S+ \/n\/([^/]+)\//.exec(line)?.[1];
      const target = connect(nodes[node ?? home] ?? nodes[home]!, '127.0.0.1', () => {
        target.write(head);
        client.pipe(target).pipe(client);
        client.resume();
      });
      open.add(target);
      target.on('close', () => (open.delete(target), client.destroy()));
      target.on('error', () => client.destroy());
      client.on('close', () => target.destroy());
    };
    client.on('data', route);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
