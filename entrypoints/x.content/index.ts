import { startContentScript } from './core/content-script';
import { FEATURES } from './features';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  runAt: 'document_idle',
  // WXT's notice to older copies of this script goes by a DOM event; its copy posted to X's window is not needed.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startContentScript(ctx, FEATURES);
  },
});
