import { describe, expect, it } from 'vitest';
import { guestSocketUrl, tokenOf } from '@/guest/guest-socket';
import { deniedHelp } from '@/guest/permission-help';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012-_A';

describe('the guest page finds its link and its socket from its own URL', () => {
  it('reads the token from the last path segment, and nothing that is not one', () => {
    expect(tokenOf(new URL(`https://ring.example/c/${TOKEN}`))).toBe(TOKEN);
    expect(tokenOf(new URL(`https://ring.example/calls/c/${TOKEN}?utm=x#top`))).toBe(TOKEN);
    expect(tokenOf(new URL('https://ring.example/c/short'))).toBeNull();
  });

  it('opens its socket beside the page, over TLS when the page came over TLS', () => {
    expect(guestSocketUrl(new URL(`https://ring.example/c/${TOKEN}`))).toBe('wss://ring.example/c/ws');
    expect(guestSocketUrl(new URL(`http://127.0.0.1:8787/c/${TOKEN}#x`))).toBe('ws://127.0.0.1:8787/c/ws');
    // Behind a proxy that serves the server under a path, the socket follows the page there.
    expect(guestSocketUrl(new URL(`https://example.org/ringside/c/${TOKEN}`))).toBe('wss://example.org/ringside/c/ws');
  });
});

describe('what to do when the browser refused the camera or microphone', () => {
  it('says it per browser', () => {
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
    const ipad = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
    const desktop = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
    expect(deniedHelp(iphone, 5)).toBe('guestDeniedIos');
    expect(deniedHelp(ipad, 5)).toBe('guestDeniedIos');
    expect(deniedHelp(ipad, 0)).toBe('guestDeniedDesktop');
    expect(deniedHelp(android, 5)).toBe('guestDeniedAndroid');
    expect(deniedHelp(desktop, 0)).toBe('guestDeniedDesktop');
  });
});
