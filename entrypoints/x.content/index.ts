import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from './core/content-script';
import { FEATURES } from './features';
import { X_MATCHES } from '../../lib/protocol/x-origins';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  // WXT's notice to older copies of this script goes by a DOM event; its copy posted to X's window is not needed.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startContentScript(ctx, FEATURES);
  },
});
