import { describe, expect, it } from 'vitest';
import { normalizeHandle } from '../../lib/protocol/handle';
import { handleFromHref, handleFromPath, profileLinkHandle } from '@/lib/x/profile-handle';

describe('handles', () => {
  it.each([
    ['/bob', 'bob'],
    ['/Bob_42/with_replies', 'bob_42'],
    ['/ABCDEFGHIJKLMNO', 'abcdefghijklmno'],
    ['/X', 'x'],
  ])('%s is the profile of @%s', (path, handle) => {
    expect(handleFromPath(path)).toBe(handle);
  });

  it.each(['/home', '/explore', '/i/chat/123', '/messages/1-2', '/settings/account', '/search', '/Notifications', '/compose/post'])(
    '%s is one of X’s own pages',
    (path) => expect(handleFromPath(path)).toBeNull(),
  );

  it.each(['/', '/ABCDEFGHIJKLMNOP', '/bob.smith', '/bob-smith', '/b%C3%B6b'])('%s is not a handle', (path) => {
    expect(handleFromPath(path)).toBeNull();
  });

  it('reads relative and absolute links', () => {
    expect(handleFromHref('/Alice')).toBe('alice');
    expect(handleFromHref('https://x.com/alice/status/1')).toBe('alice');
    expect(handleFromHref(null)).toBeNull();
  });

  it('normalizes what a person types', () => {
    expect(normalizeHandle(' @Bob ')).toBe('bob');
    expect(normalizeHandle('@')).toBeNull();
    expect(normalizeHandle('bob smith')).toBeNull();
  });

  it.each([
    ['/bob', 'bob'],
    ['/Bob_42/', 'bob_42'],
    ['/bob?s=20', 'bob'],
    ['/bob/#top', 'bob'],
    ['/ABCDEFGHIJKLMNO', 'abcdefghijklmno'],
    ['https://x.com/Carol', 'carol'],
    ['https://mobile.twitter.com/carol/', 'carol'],
  ])('the link %s is the profile of @%s', (href, handle) => {
    expect(profileLinkHandle(href)).toBe(handle);
  });

  it.each([
    '/bob/status/1', '/bob/photo', '/bob//', '/home', '/Explore?x=1', '/i/chat/1', '/', '/ABCDEFGHIJKLMNOP',
    '/bob.smith', '/b%C3%B6b', '/sw.js', '//evil.example/bob', 'https://evil.example/bob', 'https://x.com/bob/status/1',
    '#bob', '',
  ])('the link %s is not a profile', (href) => {
    expect(profileLinkHandle(href)).toBeNull();
  });
});
