import { spawn } from 'node:child_process';

/** A TURN REST user: its password given, or computed by turnutils_uclient from coturn's shared secret. */
export type TurnUser = { username: string; credential: string } | { username: string; secret: string };

/**
 * Asks the coturn on loopback `port` for a channel to `peer` and sends one packet through it, with Debian's
 * turnutils_uclient: 'relayed' once a packet went through the relay (however the client tallies it),
 * `refused <code>` when coturn answered an error (403 for a denied peer, 401 for a wrong credential), or
 * `timed out: …` with the client's last words when neither came within `timeoutMs` (8 s and more were seen
 * beside the other server tests on two cores).
 */
export function relayThrough(user: TurnUser, { port, peer = '127.0.0.1', timeoutMs = 15_000 }: { port: number | string; peer?: string; timeoutMs?: number }): Promise<string> {
  const auth = 'secret' in user ? ['-W', user.secret, '-u', user.username] : ['-u', user.username, '-w', user.credential];
  const client = spawn('/usr/bin/turnutils_uclient', [...auth, '-p', String(port), '-e', peer, '-n', '1', '-c', '127.0.0.1']);
  let out = '';
  return new Promise((resolve) => {
    const done = (result: string) => {
      clearTimeout(timer);
      client.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(() => done(`timed out: ${out.slice(-300)}`), timeoutMs);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const refused = /error (4\d\d)/.exec(out);
      if (refused) done(`refused ${refused[1]}`);
      else if (/tot_send_msgs=[1-9]/.test(out)) done('relayed');
    };
    client.stdout.on('data', read);
    client.stderr.on('data', read);
  });
}
