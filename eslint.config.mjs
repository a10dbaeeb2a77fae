import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The recommended sets, plus the boundaries the architecture relies on (tests/unit/lint-boundaries.test.ts
 * shows each one refusing a violation). A boundary rule is a core rule (no-restricted-imports, -globals,
 * -properties, -syntax) given one option list per area: ESLint replaces a rule's options rather than merging
 * them, so each area's list is spelled out in full below.
 */

const CODE = '**/*.{ts,tsx,mjs,cjs}';
const EXTENSION = ['entrypoints/**', 'components/**', 'lib/**'];

const imports = {
  peerjs: { regex: '^peerjs(/|$)', message: 'Only lib/call/peer.ts talks to PeerJS.' },
  node: {
    regex: `^(node:|(${builtinModules.filter((name) => !name.startsWith('_')).join('|')})(/|$))`,
    message: 'Extension code runs in the browser: no Node modules.',
  },
  react: { regex: '^react(-dom)?(/|$)', message: 'The content script runs on every x.com page: no React (components/ is for extension pages).' },
  browserApi: { regex: '^(wxt/(browser|utils/)|webextension-polyfill$|@wxt-dev/(browser|storage)$)', message: 'components/ is plain UI: browser APIs belong to the entrypoint that renders it.' },
  browserCode: {
    regex: '^(react(-dom)?|wxt|webextension-polyfill|@wxt-dev/[^/]+|peerjs|zustand)(/|$)',
    message: 'The server imports no browser code.',
  },
  redis: { regex: '^ioredis(/|$)', message: 'Only server/cluster/redis-adapter.ts talks to Redis.' },
  protocolOnly: { regex: '^(?!valibot$|\\./)', message: 'lib/protocol imports only valibot and its own files (./…): it is the wire, not an implementation.' },
};
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const nodeGlobals = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'].map((name) => ({
  name,
  message: 'Extension code runs in the browser: no Node globals.',
}));
const webSocketGlobal = { name: 'WebSocket', message: 'Only lib/net/server-socket.ts opens a WebSocket.' };
const guestWebSocketGlobal = { name: 'WebSocket', message: 'Only guest/guest-socket.ts opens a WebSocket on the guest page.' };
const guestWebSocketOnGlobal = ['globalThis', 'self', 'window'].map((object) => ({ object, property: 'WebSocket', message: guestWebSocketGlobal.message }));
const browserGlobals = ['browser', 'chrome'].map((name) => ({ name, message: 'components/ is plain UI: browser APIs belong to the entrypoint that renders it.' }));

const media = ['getUserMedia', 'getDisplayMedia'].map((property) => ({ property, message: 'Only lib/call/local-media.ts asks for the camera, the microphone or the screen.' }));
const webSocketOnGlobal = ['globalThis', 'self', 'window'].map((object) => ({ object, property: 'WebSocket', message: 'Only lib/net/server-socket.ts opens a WebSocket.' }));

const senderMessage = 'Only lib/messages/sender.ts reads a message sender: ask it (senderKind) instead.';
const sender = [
  { selector: "MemberExpression[object.type='Identifier'][object.name='sender']", message: senderMessage },
  { selector: "MemberExpression[object.type='MemberExpression'][object.property.name='sender'][object.object.name=/[pP]ort$/]", message: senderMessage },
  { selector: "VariableDeclarator[id.type='ObjectPattern'][init.name='sender']", message: senderMessage },
  { selector: "Identifier[name!='sender'][typeAnnotation.typeAnnotation.typeName.right.name='MessageSender']", message: 'Name a MessageSender `sender`, so the rule that keeps it in lib/messages/sender.ts sees it.' },
];
/** X's testids in a selector (`[data-testid="UserCell"]`, `[data-testid^=…]`), not our own `ringside-…` ones. */
const xTestidMessage = "X's page structure (its data-testid selectors) lives in lib/x/: import the selector from lib/x/selectors.ts.";
const xTestid = [
  { selector: 'Literal[value=/data-testid\\s*\\W?=\\s*\\W?(?!ringside-)\\w/]', message: xTestidMessage },
  { selector: 'TemplateElement[value.raw=/data-testid\\s*\\W?=\\s*\\W?(?!ringside-)\\w/]', message: xTestidMessage },
  {
    selector: "BinaryExpression[left.callee.property.name='getAttribute'][left.arguments.0.value='data-testid'][right.type='Literal'][right.value=/^(?!ringside-)/]",
    message: xTestidMessage,
  },
];
const webSocketServer = [
  { selector: "NewExpression[callee.name='WebSocket']", message: 'The server opens no WebSocket of its own: it accepts them.' },
  { selector: "NewExpression[callee.name='WebSocketServer']", message: "ws servers are made in server/app.ts (/ws) and server/peer-gate.ts (/peerjs) only." },
];

export default defineConfig(
  { ignores: ['.output/**', '.wxt/**', '.data/**', 'node_modules/**', 'dist/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: [CODE],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // An ignored error is written `catch {}`; an unused argument that a signature needs starts with `_`.
      'no-empty': ['error', { allowEmptyCatch: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.{mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    files: [CODE],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.extension.json', 'tsconfig.tools.json', 'server/tsconfig.json', 'lib/protocol/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      // A path rule below only sees imports it can resolve: an unresolved `@/…` would slip past every zone.
      'import-x/no-unresolved': 'error',
      // A package used only because something else pulls it in (express was, through peer) breaks on their update.
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './server', from: ['./entrypoints', './components'], message: 'The server imports no browser code.' },
            { target: './server', from: './lib', except: ['./protocol'], message: 'The server shares only lib/protocol with the extension.' },
            { target: './entrypoints/x.content', from: ['./lib/call', './components'], message: 'The content script runs on every x.com page: no calls, no React UI.' },
            { target: './components', from: './entrypoints/background', message: 'components/ is plain UI: it knows nothing of the background.' },
            { target: './server', from: './guest', message: 'The server imports no browser code.' },
            { target: ['./entrypoints', './components', './lib'], from: './guest', message: 'The guest page is its own site: the extension imports nothing of it.' },
            {
              target: './guest',
              from: './entrypoints',
              except: ['./sidepanel/style.css'],
              message: 'The guest page is a plain web page: it shares components/ and lib/ with the extension, not its entrypoints (the call window\'s styles excepted).',
            },
          ],
        },
      ],
    },
  },

  // Imports, per area.
  { files: [CODE], ignores: ['lib/call/peer.ts', 'server/cluster/redis-adapter.ts'], rules: restrictImports(imports.peerjs, imports.redis) },
  { files: EXTENSION, ignores: ['lib/call/peer.ts'], rules: restrictImports(imports.peerjs, imports.node) },
  { files: ['lib/call/peer.ts'], rules: restrictImports(imports.node) },
  { files: ['entrypoints/x.content/**'], rules: restrictImports(imports.peerjs, imports.node, imports.react) },
  { files: ['components/**'], rules: restrictImports(imports.peerjs, imports.node, imports.browserApi) },
  { files: ['server/**'], rules: restrictImports(imports.browserCode, imports.redis) },
  { files: ['server/cluster/redis-adapter.ts'], rules: restrictImports(imports.browserCode) },
  { files: ['lib/protocol/**'], rules: restrictImports(imports.protocolOnly) },

  // Globals and properties of the browser, per area.
  { files: EXTENSION, rules: { 'no-restricted-globals': ['error', webSocketGlobal, ...nodeGlobals], 'no-restricted-properties': ['error', ...media, ...webSocketOnGlobal] } },
  { files: ['components/**'], rules: { 'no-restricted-globals': ['error', webSocketGlobal, ...nodeGlobals, ...browserGlobals] } },
  { files: ['lib/net/server-socket.ts'], rules: { 'no-restricted-globals': ['error', ...nodeGlobals], 'no-restricted-properties': ['error', ...media] } },
  { files: ['lib/call/local-media.ts'], rules: { 'no-restricted-properties': ['error', ...webSocketOnGlobal] } },

  // The guest page (guest/): a plain web page served by the server, no extension APIs; its vite config is a tool.
  {
    files: ['guest/**'],
    ignores: ['guest/vite.config.ts'],
    rules: {
      ...restrictImports(imports.peerjs, imports.node, imports.browserApi),
      'no-restricted-globals': ['error', guestWebSocketGlobal, ...nodeGlobals, ...browserGlobals],
      'no-restricted-properties': ['error', ...media, ...guestWebSocketOnGlobal],
      'no-restricted-syntax': ['error', ...sender, ...xTestid],
      // Its locale strings come from the build (guest/vite.config.ts), as a virtual module.
      'import-x/no-unresolved': ['error', { ignore: ['^virtual:'] }],
    },
  },
  { files: ['guest/guest-socket.ts'], rules: { 'no-restricted-globals': ['error', ...nodeGlobals, ...browserGlobals], 'no-restricted-properties': ['error', ...media] } },

  // Syntax: who reads a message sender, who names X's testids, who makes ws servers.
  { files: EXTENSION, rules: { 'no-restricted-syntax': ['error', ...sender, ...xTestid] } },
  // lib/call's senders are WebRTC's RTCRtpSenders; runtime messages never reach it.
  { files: ['lib/messages/sender.ts', 'lib/call/**'], rules: { 'no-restricted-syntax': ['error', ...xTestid] } },
  { files: ['lib/x/**'], rules: { 'no-restricted-syntax': ['error', ...sender] } },
  { files: ['server/**'], rules: { 'no-restricted-syntax': ['error', ...xTestid, ...webSocketServer] } },
  { files: ['server/app.ts', 'server/peer-gate.ts'], rules: { 'no-restricted-syntax': ['error', ...xTestid, webSocketServer[0]] } },
);
