import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Each boundary in eslint.config.mjs refuses a small violation at a path it covers, and lets the allowed
 * form through. Weakening a rule (or a file list that no longer matches the tree) fails here.
 */

interface Case {
  /** What the boundary says. */
  boundary: string;
  rule: string;
  /** Where the snippet pretends to live, from the repository's root. */
  at: string;
  code: string;
}

const refused: Case[] = [
  { boundary: 'only lib/call/peer.ts imports peerjs', rule: 'no-restricted-imports', at: 'lib/call/call-controller.ts', code: "import Peer from 'peerjs';\nexport const make = () => new Peer();" },
  { boundary: 'only lib/net/server-socket.ts opens a WebSocket', rule: 'no-restricted-globals', at: 'entrypoints/background/probe.ts', code: "export const open = () => new WebSocket('ws://127.0.0.1:8787/ws');" },
  { boundary: 'only lib/net/server-socket.ts opens a WebSocket, even through globalThis', rule: 'no-restricted-properties', at: 'entrypoints/sidepanel/probe.ts', code: "export const open = () => new globalThis.WebSocket('ws://127.0.0.1:8787/ws');" },
  { boundary: 'the server makes ws servers in two files only', rule: 'no-restricted-syntax', at: 'server/probe.ts', code: "import { WebSocketServer } from 'ws';\nexport const open = () => new WebSocketServer({ noServer: true });" },
  { boundary: 'only lib/call/local-media.ts calls getUserMedia', rule: 'no-restricted-properties', at: 'entrypoints/permission/main.tsx', code: 'export const ask = () => navigator.mediaDevices.getUserMedia({ audio: true });' },
  { boundary: 'only lib/call/local-media.ts calls getDisplayMedia', rule: 'no-restricted-properties', at: 'lib/call/in-call.ts', code: 'export const share = () => navigator.mediaDevices.getDisplayMedia({ video: true });' },
  { boundary: 'only lib/messages/sender.ts reads sender.*', rule: 'no-restricted-syntax', at: 'entrypoints/background/probe.ts', code: 'export const windowOf = (sender: { tab?: { windowId?: number } }) => sender.tab?.windowId;' },
  { boundary: "only lib/messages/sender.ts reads a port's sender", rule: 'no-restricted-syntax', at: 'entrypoints/background/probe.ts', code: 'export const urlOf = (port: { sender?: { url?: string } }) => port.sender?.url;' },
  { boundary: 'only lib/messages/sender.ts takes a sender apart', rule: 'no-restricted-syntax', at: 'entrypoints/x.content/probe.ts', code: 'export const urlOf = (sender: { url?: string }) => {\n  const { url } = sender;\n  return url;\n};' },
  { boundary: 'a MessageSender is named sender', rule: 'no-restricted-syntax', at: 'entrypoints/x.content/probe.ts', code: "import type { Browser } from 'wxt/browser';\nexport const listen = (message: unknown, from: Browser.runtime.MessageSender) => [message, from];" },
  { boundary: "X's testids only under lib/x/", rule: 'no-restricted-syntax', at: 'entrypoints/x.content/probe.ts', code: "export const cells = (root: Element) => root.querySelectorAll('[data-testid=\"UserCell\"]');" },
  { boundary: "X's testids only under lib/x/, prefix selectors too", rule: 'no-restricted-syntax', at: 'entrypoints/x.content/probe.ts', code: "export const avatar = (root: Element) => root.closest('[data-testid^=\"UserAvatar-Container-\"]');" },
  { boundary: "X's testids only under lib/x/, compared by hand", rule: 'no-restricted-syntax', at: 'entrypoints/x.content/probe.ts', code: "export const isRow = (el: Element) => el.getAttribute('data-testid') === 'cellInnerDiv';" },
  { boundary: 'the server imports no browser code (lib/call)', rule: 'import-x/no-restricted-paths', at: 'server/probe.ts', code: "import { stopMedia } from '../lib/call/local-media';\nexport const stop = stopMedia;" },
  { boundary: 'the server imports no browser code (entrypoints)', rule: 'import-x/no-restricted-paths', at: 'server/probe.ts', code: "import { openCallWindow } from '../entrypoints/background/call-window';\nexport const open = openCallWindow;" },
  { boundary: 'the server imports no browser code (wxt)', rule: 'no-restricted-imports', at: 'server/probe.ts', code: "import { browser } from 'wxt/browser';\nexport const id = browser.runtime.id;" },
  { boundary: 'the server imports no browser code (react)', rule: 'no-restricted-imports', at: 'server/auth/probe.ts', code: "import { useState } from 'react';\nexport const state = useState;" },
  { boundary: 'only server/cluster/redis-adapter.ts imports ioredis', rule: 'no-restricted-imports', at: 'server/cluster/probe.ts', code: "import { Redis } from 'ioredis';\nexport const open = () => new Redis();" },
  { boundary: 'tests reach Redis through the adapter too', rule: 'no-restricted-imports', at: 'tests/server/probe.ts', code: "import { Redis } from 'ioredis';\nexport const open = () => new Redis();" },
  { boundary: 'lib/protocol imports no implementation', rule: 'no-restricted-imports', at: 'lib/protocol/probe.ts', code: "import { reconnectDelay } from '../net/backoff';\nexport const delay = reconnectDelay;" },
  { boundary: 'lib/protocol imports no package but valibot', rule: 'no-restricted-imports', at: 'lib/protocol/probe.ts', code: "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID;" },
  { boundary: 'the content script imports no React', rule: 'no-restricted-imports', at: 'entrypoints/x.content/probe.ts', code: "import { createRoot } from 'react-dom/client';\nexport const mount = createRoot;" },
  { boundary: 'the content script imports no lib/call', rule: 'import-x/no-restricted-paths', at: 'entrypoints/x.content/placements/probe.ts', code: "import { stopMedia } from '@/lib/call/local-media';\nexport const stop = stopMedia;" },
  { boundary: 'the content script imports no components', rule: 'import-x/no-restricted-paths', at: 'entrypoints/x.content/probe.ts', code: "import { CallView } from '../../components/CallView';\nexport const view = CallView;" },
  { boundary: 'components/ imports no browser API', rule: 'no-restricted-imports', at: 'components/Probe.tsx', code: "import { browser } from 'wxt/browser';\nexport const id = () => browser.runtime.id;" },
  { boundary: "components/ uses no browser API through WXT's global", rule: 'no-restricted-globals', at: 'components/Probe.tsx', code: 'export const id = () => browser.runtime.id;' },
  { boundary: 'components/ uses no chrome.* global', rule: 'no-restricted-globals', at: 'components/Probe.tsx', code: 'export const id = () => chrome.runtime.id;' },
  { boundary: 'components/ imports nothing from the background', rule: 'import-x/no-restricted-paths', at: 'components/Probe.tsx', code: "import { openCallWindow } from '@/entrypoints/background/call-window';\nexport const open = openCallWindow;" },
  { boundary: 'every package imported is declared in package.json', rule: 'import-x/no-extraneous-dependencies', at: 'server/probe.ts', code: "import bodyParser from 'body-parser';\nexport const json = bodyParser.json();" },
  { boundary: 'extension code imports no Node module', rule: 'no-restricted-imports', at: 'lib/auth/probe.ts', code: "import { webcrypto } from 'node:crypto';\nexport const subtle = webcrypto.subtle;" },
  { boundary: 'extension code uses no Node global', rule: 'no-restricted-globals', at: 'entrypoints/popup/probe.ts', code: 'export const url = process.env.RINGSIDE_SERVER_URL;' },
  { boundary: 'only guest/guest-socket.ts opens a WebSocket on the guest page', rule: 'no-restricted-globals', at: 'guest/probe.ts', code: "export const open = () => new WebSocket('ws://127.0.0.1:8787/c/ws');" },
  { boundary: 'the guest page uses no extension API', rule: 'no-restricted-imports', at: 'guest/probe.ts', code: "import { browser } from 'wxt/browser';\nexport const id = () => browser.runtime.id;" },
  { boundary: 'the guest page asks for media through lib/call/local-media.ts', rule: 'no-restricted-properties', at: 'guest/probe.ts', code: 'export const ask = () => navigator.mediaDevices.getUserMedia({ audio: true });' },
  { boundary: 'the guest page imports no extension entrypoint', rule: 'import-x/no-restricted-paths', at: 'guest/probe.ts', code: "import { openCallWindow } from '@/entrypoints/background/call-window';\nexport const open = openCallWindow;" },
  { boundary: 'the extension imports nothing of the guest page', rule: 'import-x/no-restricted-paths', at: 'entrypoints/popup/probe.ts', code: "import { deniedHelp } from '@/guest/permission-help';\nexport const help = deniedHelp;" },
];

const allowed: Case[] = [
  { boundary: 'server/cluster/redis-adapter.ts imports ioredis', rule: 'no-restricted-imports', at: 'server/cluster/redis-adapter.ts', code: "import { Redis } from 'ioredis';\nexport const open = () => new Redis();" },
  { boundary: 'lib/call/peer.ts imports peerjs', rule: 'no-restricted-imports', at: 'lib/call/peer.ts', code: "import Peer from 'peerjs';\nexport const make = () => new Peer();" },
  { boundary: 'lib/net/server-socket.ts opens a WebSocket', rule: 'no-restricted-globals', at: 'lib/net/server-socket.ts', code: "export const open = () => new WebSocket('ws://127.0.0.1:8787/ws');" },
  { boundary: 'guest/guest-socket.ts opens the guest page\'s WebSocket', rule: 'no-restricted-globals', at: 'guest/guest-socket.ts', code: "export const open = () => new WebSocket('ws://127.0.0.1:8787/c/ws');" },
  { boundary: 'server/app.ts makes a ws server', rule: 'no-restricted-syntax', at: 'server/app.ts', code: "import { WebSocketServer } from 'ws';\nexport const open = () => new WebSocketServer({ noServer: true });" },
  { boundary: 'lib/call/local-media.ts calls getUserMedia', rule: 'no-restricted-properties', at: 'lib/call/local-media.ts', code: 'export const ask = () => navigator.mediaDevices.getUserMedia({ audio: true });' },
  { boundary: 'lib/messages/sender.ts reads sender.*', rule: 'no-restricted-syntax', at: 'lib/messages/sender.ts', code: 'export const windowOf = (sender: { tab?: { windowId?: number } }) => sender.tab?.windowId;' },
  { boundary: "a transceiver's RTP sender is no message sender", rule: 'no-restricted-syntax', at: 'lib/call/in-call.ts', code: 'export const swap = (transceiver: RTCRtpTransceiver, track: MediaStreamTrack) => transceiver.sender.replaceTrack(track);' },
  { boundary: 'lib/call names its RTP senders sender', rule: 'no-restricted-syntax', at: 'lib/call/renegotiation.ts', code: 'export const trackOf = (sender: RTCRtpSender) => sender.track;' },
  { boundary: "lib/x/ names X's testids", rule: 'no-restricted-syntax', at: 'lib/x/probe.ts', code: "export const cells = (root: Element) => root.querySelectorAll('[data-testid=\"UserCell\"]');" },
  { boundary: 'our own ringside- testids anywhere', rule: 'no-restricted-syntax', at: 'entrypoints/sidepanel/probe.ts', code: "export const video = () => document.querySelector('[data-testid=\"ringside-remote-video\"]');" },
  { boundary: 'the server imports express, now declared', rule: 'import-x/no-extraneous-dependencies', at: 'server/probe.ts', code: "import express from 'express';\nexport const app = express();" },
  { boundary: 'the server imports lib/protocol', rule: 'import-x/no-restricted-paths', at: 'server/probe.ts', code: "import { parseClientMessage } from '../lib/protocol/wire';\nexport const parse = parseClientMessage;" },
  { boundary: 'lib/protocol imports valibot and itself', rule: 'no-restricted-imports', at: 'lib/protocol/probe.ts', code: "import * as v from 'valibot';\nimport { Handle } from './handle';\nexport const Handles = v.array(Handle);" },
  { boundary: 'the content script imports lib/x through @/', rule: 'import-x/no-restricted-paths', at: 'entrypoints/x.content/probe.ts', code: "import { X } from '@/lib/x/selectors';\nexport const cell = X.userCell;" },
  { boundary: 'components/ imports i18n and lib', rule: 'no-restricted-imports', at: 'components/Probe.tsx', code: "import { i18n } from '#i18n';\nimport type { CallState } from '@/lib/call/call-state';\nexport const text = (state: CallState) => i18n.t('callTimer') + state.kind;" },
  { boundary: 'tests use Node', rule: 'no-restricted-imports', at: 'tests/unit/probe.test.ts', code: "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync(process.argv[1]!, 'utf8');" },
];

let eslint: ESLint;
beforeAll(async () => {
  // No trailing slash: the TypeScript resolver compares this cwd with the one it started in, as text.
  eslint = new ESLint({ cwd: path.resolve(fileURLToPath(import.meta.url), '../../..') });
  // The first lint loads the config, its plugins and parser: seconds on a busy machine, not a case's time.
  await eslint.lintText('', { filePath: 'lib/probe.ts' });
}, 60_000);

async function ruleIds({ at, code }: Case): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: at });
  return result!.messages.map((message) => message.ruleId);
}

describe('lint boundaries', () => {
  it.each(refused)('refuses: $boundary ($at)', async (violation) => {
    expect(await ruleIds(violation)).toEqual([violation.rule]);
  });

  it.each(allowed)('allows: $boundary ($at)', async (fine) => {
    expect(await ruleIds(fine)).toEqual([]);
  });
});
