import { X_MATCHES } from '../lib/protocol/x-origins';

/**
 * What differs between browsers in the built manifest, in one place (README "Browsers").
 *
 * Every browser gets Manifest V3. On Firefox that keeps one extension for all: the same `action`, `scripting`
 * and session storage calls, and a background that already survives being unloaded (Firefox runs it as an
 * event page, Chromium as a service worker). Firefox 127 and later grant MV3 `host_permissions` and content
 * script matches at install (they are shown in its install prompt), so the buttons appear on x.com without a
 * further step. The cost is Firefox's default MV3 policy for extension pages, which upgrades `http://` and
 * `ws://`: the policy below names the configured server instead, which also keeps the extension's pages from
 * talking to anything else, in every browser.
 */
export const FIREFOX_ID = 'ringside@ringside.app';

const FIREFOX_GECKO = {
  // Fixed: Firefox derives identity.getRedirectURL() from it, so the redirect registered with X stays valid.
  id: FIREFOX_ID,
  // The first ESR that both grants MV3 host permissions at install (since 127) and reads the key below.
  strict_min_version: '140.0',
  // What Firefox Add-ons shows before install: the X account and its sign-in, the calls (relayed by the
  // server's TURN when a direct path fails), and the handles on the pages read, whose presence is asked.
  data_collection_permissions: { required: ['personallyIdentifyingInfo', 'authenticationInfo', 'personalCommunications', 'websiteContent'] },
};

/** The server the extension talks to, and nothing else: its HTTP origin and the same host's WebSocket. */
export function extensionPagesPolicy(serverOrigin: string): string {
  const socketOrigin = serverOrigin.replace(/^http/, 'ws');
  return `script-src 'self'; object-src 'self'; connect-src ${serverOrigin} ${socketOrigin}`;
}

export function ringsideManifest(browser: string, serverOrigin: string) {
  return {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: the x.com tabs already open when Ringside is installed or updated get its buttons (x-tabs.ts).
    // offscreen: the ringtone plays in an offscreen document, Chromium's only way for an extension to play
    // sound; Firefox's background is an event page that plays it itself, and Safari has no such API.
    permissions: ['storage', 'notifications', 'alarms', 'identity', 'scripting', ...(browser === 'firefox' || browser === 'safari' ? [] : ['offscreen'])],
    host_permissions: [...X_MATCHES, `${serverOrigin}/*`],
    action: { default_title: '__MSG_extName__' },
    content_security_policy: { extension_pages: extensionPagesPolicy(serverOrigin) },
    browser_specific_settings: browser === 'firefox' ? { gecko: FIREFOX_GECKO } : undefined,
  };
}
