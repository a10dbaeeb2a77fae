import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IncomingRings } from '@/components/IncomingRings';
import type { Ring } from '@/lib/protocol/ring';

const NOW = 1_765_000_000_000;
const ring = (patch: Partial<Ring> = {}): Ring => ({ callId: '6f1d0c1e-0a7b-4c3e-9d2a-000000000001', from: 'bob', media: 'video', expiresAt: NOW + 30_500, verified: true, ...patch });
const render = (rings: Ring[]) =>
  renderToStaticMarkup(createElement(IncomingRings, { rings, now: NOW, onAccept: () => {}, onDecline: () => {}, onBlock: () => {} }));

describe('the popup’s live ring', () => {
  beforeEach(() => {
    // Message keys and their arguments stand in for the words.
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, args?: string | string[]) => [key, ...[args ?? []].flat()].join(' '));
  });

  it('names the caller, counts down, and offers audio, video, decline and block', () => {
    const html = render([ring({ name: 'Bob B.' })]);
    expect(html).toContain('data-testid="ringside-incoming" data-handle="bob" data-verified="true"');
    expect(html).toContain('Bob B.');
    expect(html).toContain('toastRingsFor 31');
    expect([...html.matchAll(/data-testid="(ringside-[a-z-]+)"/g)].map((m) => m[1])).toEqual([
      'ringside-incoming',
      'ringside-incoming-name',
      'ringside-incoming-remaining',
      'ringside-accept-audio',
      'ringside-accept-video',
      'ringside-decline',
      'ringside-block',
    ]);
    expect(html).not.toContain('callerUnverified');
  });

  it('marks a call link’s guest, who has nobody to block, and an unproven caller', () => {
    const html = render([ring({ from: 'guest', verified: false, guest: { name: 'Ann', verified: false }, media: 'audio' })]);
    expect(html).toContain('data-guest="true"');
    expect(html).toContain('incomingGuestAudio Ann');
    expect(html).toContain('guestUnverified');
    expect(html).not.toContain('ringside-block');
    expect(html).not.toContain('ringside-accept-video');
  });

  it('shows nothing once the ring has expired', () => {
    expect(render([ring({ expiresAt: NOW })])).toBe('');
  });
});
