import { describe, expect, it } from 'vitest';
import { clientAddress, quotaKey } from '../../server/client-address';

describe('clientAddress', () => {
  it('believes X-Forwarded-For only from a trusted proxy, and takes the last hop the proxies did not add', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', [])).toBe('203.0.113.5');
    expect(clientAddress('10.0.0.2', '198.51.100.1', ['10.0.0.2'])).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', 'forged, 198.51.100.1, 10.0.0.3', ['10.0.0.2', '10.0.0.3'])).toBe('198.51.100.1');
    expect(clientAddress('::ffff:10.0.0.2', 'not-an-ip', ['10.0.0.2'])).toBe('10.0.0.2');
  });
});

describe('quotaKey', () => {
  it('counts IPv4 addresses one by one and IPv6 by /64', () => {
    expect(quotaKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(quotaKey('2001:db8:1:2:aaaa::1')).toBe(quotaKey('2001:db8:1:2::ffff'));
    expect(quotaKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(quotaKey('2001:db8:1:3::1')).not.toBe(quotaKey('2001:db8:1:2::1'));
    expect(quotaKey('::1')).toBe('0:0:0:0::/64');
    expect(quotaKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
