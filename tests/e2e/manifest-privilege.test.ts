import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { E2E_SERVER_URL } from './harness/build';
import { E2E_EXTENSION_DIR, E2E_FIREFOX_EXTENSION_DIR } from './harness/world';
import { FIREFOX_ID } from '../../scripts/manifest';

/**
 * Least privilege, as the stores review it, on the manifests the e2e builds produced (global setup). No
 * browser: this reads files. Each permission must be used by the built code, found by the call it enables.
 */
const USES: Record<string, RegExp> = {
  storage: /\.storage\b/,
  notifications: /\.notifications\.create\(/,
  alarms: /\.alarms\.create\(/,
  // Called on the API the capability check hands out (entrypoints/background/capabilities.ts), renamed when minified.
  identity: /\.(launchWebAuthFlow|getRedirectURL)\(/,
  scripting: /\.scripting\.executeScript\(/,
  sidePanel: /\.sidePanel\b/,
  offscreen: /\.offscreen\b[\s\S]*\.createDocument\(/,
};

const X_HOSTS = ['https://x.com/*', 'https://twitter.com/*'];
const SERVER_SOCKET = E2E_SERVER_URL.replace(/^http/, 'ws');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(ext))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/** `directive source source…` pairs of a content security policy. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe.each([
  ['Chrome and Edge', E2E_EXTENSION_DIR],
  ['Firefox', E2E_FIREFOX_EXTENSION_DIR],
])('the %s build', (_, dir) => {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const code = files(dir, '.js').join('\n');

  it('reaches only x.com, twitter.com and the configured server', () => {
    expect([...manifest.host_permissions].sort()).toEqual([...X_HOSTS, `${E2E_SERVER_URL}/*`].sort());
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    for (const script of manifest.content_scripts) expect(X_HOSTS).toEqual(expect.arrayContaining(script.matches));
  });

  it('declares no permission its code never uses', () => {
    for (const permission of manifest.permissions) {
      expect(USES[permission], `${permission} is declared but no check knows its use`).toBeDefined();
      expect(USES[permission]!.test(code), `${permission} is declared but never used`).toBe(true);
    }
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('loads no remote code', () => {
    for (const html of files(dir, '.html')) expect(html).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//);
    expect(/(importScripts|import)\(\s*["'`]https?:/.test(code), 'a script loaded from the network').toBe(false);
  });

  it('lets its pages talk to the configured server and nothing else', () => {
    const policy = directives(manifest.content_security_policy.extension_pages);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual([E2E_SERVER_URL, SERVER_SOCKET]);
  });
});

it('gives Firefox a fixed add-on id, which its sign-in redirect address is derived from, and a sidebar for calls', () => {
  const manifest = JSON.parse(readFileSync(path.join(E2E_FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.browser_specific_settings.gecko.id).toBe(FIREFOX_ID);
  expect(manifest.sidebar_action.default_panel).toBe('sidepanel.html');
  expect(manifest.background.scripts).toEqual(['background.js']);
});
