import { readFileSync } from 'node:fs';
import { BlockList, isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';

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

describe('deploy/turnserver.conf', () => {
  it('denies every private, loopback, link-local, CGNAT and metadata address as a peer', () => {
    const denied = deniedPeers();
    for (const ip of ['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.16.5.4', '172.31.255.255', '192.168.1.1', '100.64.0.1', '0.0.0.0', '224.0.0.1']) {
      expect(denied.check(ip, 'ipv4'), ip).toBe(true);
    }
    for (const ip of ['::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '64:ff9b::a00:1']) {
      expect(denied.check(ip, 'ipv6'), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1']) expect(denied.check(ip, 'ipv4'), ip).toBe(false);
    expect(denied.check('2606:4700::1111', 'ipv6')).toBe(false);
  });

  it('uses the REST shared secret, quotas and bandwidth caps, and never allows loopback peers', () => {
    for (const required of ['use-auth-secret', 'no-multicast-peers', 'no-cli']) expect(options).toContain(required);
    for (const quota of ['user-quota', 'total-quota', 'max-bps']) {
      expect(options.some((o) => new RegExp(`^${quota}=[1-9]\\d*$`).test(o)), quota).toBe(true);
    }
    expect(options.some((o) => /allow-loopback-peers/.test(o))).toBe(false);
  });
});
