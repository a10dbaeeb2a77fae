import { describe, expect, it } from 'vitest';
import { senderKind } from '../../lib/messages/sender';

const self = { id: 'abcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnop' };

describe('who sent a message', () => {
  it('a content script in the top frame of an x.com or twitter.com tab', () => {
    expect(senderKind({ id: self.id, url: 'https://x.com/bob', tab: { id: 3 }, frameId: 0 }, self)).toBe('x-content');
    expect(senderKind({ id: self.id, url: 'https://twitter.com/bob', tab: { id: 3 }, frameId: 0 }, self)).toBe('x-content');
  });

  it('an extension page', () => {
    expect(senderKind({ id: self.id, url: `${self.origin}/sidepanel.html` }, self)).toBe('extension-page');
  });

  it.each([
    ['another extension', { id: 'zzzz', url: 'https://x.com/bob', tab: { id: 3 }, frameId: 0 }],
    ['a frame inside x.com', { id: self.id, url: 'https://x.com/embed', tab: { id: 3 }, frameId: 7 }],
    ['a look-alike host', { id: self.id, url: 'https://x.com.evil.example/bob', tab: { id: 3 }, frameId: 0 }],
    ['plain http', { id: self.id, url: 'http://x.com/bob', tab: { id: 3 }, frameId: 0 }],
    ['no url', { id: self.id }],
    ['a broken url', { id: self.id, url: 'not a url' }],
  ])('nobody it trusts: %s', (_, sender) => {
    expect(senderKind(sender, self)).toBe('unknown');
  });
});
