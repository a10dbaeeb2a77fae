import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BlockList, isIPv4 } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../e2e/harness/coturn';
import { relayThrough } from './turn-client';

const conf = readFileSync('deploy/turnserver.conf', 'utf8');
const options = conf.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

function deniedPeers(): BlockList {
  const list = new BlockList();
  for (const option of options) {
    const range = /^denied-peer-ip=(.+)-(.+)$/.exec(option);
    if (!range) continue;
    const [, from, to] = range;
    list.addRange(from!, to!, isIPv4(from!) ? 'ipv4' : 'ipv6');
  }
  return list;
}

/** Peers the production file must refuse: each a way back into the relay's own network. */
const DENIED = [
  '127.0.0.1', '10.0.0.1', '169.254.169.254', '172.16.5.4', '192.168.1.1', '100.64.0.1',
  '::1', 'fd00::1', 'fe80::1',
  '::ffff:127.0.0.1', '::ffff:10.0.0.1', // IPv4-mapped
  '::127.0.0.1', // IPv4-compatible
  '2002:7f00:1::1', // 6to4 of 127.0.0.1
  '2001:0:7f00:1::1', // Teredo
  '64:ff9b::7f00:1', '64:ff9b:1::7f00:1', // NAT64, well-known and local-use
];
const ALLOWED = ['8.8.8.8', '1.1.1.1', '2606:4700::1111'];

describe('deploy/turnserver.conf, read', () => {
  it('lists a denied range for every private, loopback, link-local, mapped, tunnelled and metadata peer', () => {
    const denied = deniedPeers();
    for (const ip of [...DENIED, '0.0.0.0', '172.31.255.255', '224.0.0.1', 'ff02::1']) {
      // `::` is refused by coturn itself; no range may start there (see the file).
      expect(denied.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6'), ip).toBe(true);
    }
    // (Node's BlockList matches IPv4 against IPv4-mapped ranges, coturn does not: the allowed peers are proven by coturn below.)
    expect(options.some((o) => /^denied-peer-ip=::-/.test(o)), 'a range starting at ::').toBe(false);
  });

  it('uses the REST shared secret, quotas and bandwidth caps, no TCP relay, and never allows loopback peers', () => {
    for (const required of ['use-auth-secret', 'no-multicast-peers', 'no-cli', 'no-tcp-relay']) expect(options).toContain(required);
    for (const quota of ['user-quota', 'total-quota', 'max-bps']) {
      expect(options.some((o) => new RegExp(`^${quota}=[1-9]\\d*$`).test(o)), quota).toBe(true);
    }
    expect(options.some((o) => /allow-loopback-peers/.test(o))).toBe(false);
    expect(conf).toMatch(/relay's own address/);
  });
});

/**
 * The same file run by a real coturn (Debian's), bound to loopback only: TLS and the public listening address
 * are the only lines replaced. turnutils_uclient asks for a channel to each peer: a denied peer gets 403, an
 * allowed one gets its channel (the packet it then sends cannot leave: the relay is bound to loopback).
 */
describe('deploy/turnserver.conf, run by coturn', () => {
  const secret = 'test-secret';
  let dir: string;
  let port: number;
  let stop: () => void = () => {};
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ringside-turn-deploy-'));
    port = await freeUdpPort();
    const local = options.filter((o) => !/^(cert|pkey|cipher-list|listening-port|tls-listening-port|static-auth-secret|syslog|no-tlsv1)/.test(o));
    const file = path.join(dir, 'turnserver.conf');
    writeFileSync(file, [...local, 'listening-ip=127.0.0.1', 'listening-ip=::1', 'relay-ip=127.0.0.1', 'relay-ip=::1', `listening-port=${port}`,
      `static-auth-secret=${secret}`, 'no-tls', 'no-dtls', `log-file=${path.join(dir, 'turn.log')}`, `pidfile=${path.join(dir, 'pid')}`, `userdb=${path.join(dir, 'db')}`].join('\n'));
    const child = spawn('/usr/bin/turnserver', ['-c', file], { stdio: 'ignore' });
    stop = () => child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (child.exitCode !== null) throw new Error(`turnserver exited ${child.exitCode}`);
  });
  afterAll(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses each denied peer (IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64 included) and relays to an allowed one', async () => {
    const peers = [...DENIED, ...ALLOWED];
    const user = (i: number) => ({ username: `${Math.floor(Date.now() / 1000) + 600}:probe${i}`, secret });
    const results = await Promise.all(peers.map((peer, i) => relayThrough(user(i), { port, peer, timeoutMs: 8000 })));
    expect(Object.fromEntries(peers.map((peer, i) => [peer, results[i]]))).toEqual(
      Object.fromEntries(peers.map((peer) => [peer, ALLOWED.includes(peer) ? 'relayed' : 'refused 403'])),
    );
  }, 20_000);
});
