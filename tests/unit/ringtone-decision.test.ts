import { describe, expect, it } from 'vitest';
import { ringtoneDecision } from '@/lib/ringtone/decision';

const NOW = 1_000_000;

describe('whether the ringtone sounds', () => {
  it('sounds while any ring is live and the setting is on, until the soonest ring expires', () => {
    expect(ringtoneDecision([{ expiresAt: NOW + 30_000 }, { expiresAt: NOW + 10_000 }], true, NOW)).toEqual({ play: true, recheckAt: NOW + 10_000 });
  });

  it('is silent with no ring, with only expired rings, or with the setting off', () => {
    expect(ringtoneDecision([], true, NOW)).toEqual({ play: false, recheckAt: null });
    expect(ringtoneDecision([{ expiresAt: NOW }, { expiresAt: NOW - 1 }], true, NOW)).toEqual({ play: false, recheckAt: null });
    expect(ringtoneDecision([{ expiresAt: NOW + 30_000 }], false, NOW)).toEqual({ play: false, recheckAt: null });
  });

  it('an expired ring beside a live one keeps it sounding, timed by the live one', () => {
    expect(ringtoneDecision([{ expiresAt: NOW - 5 }, { expiresAt: NOW + 20_000 }], true, NOW)).toEqual({ play: true, recheckAt: NOW + 20_000 });
  });
});
