import { X_ORIGINS } from '../protocol/x-origins';

/**
 * The one place that decides who sent a message, for every receiver. A message is only as trustworthy as
 * its sender: a content script runs inside x.com and X's page can drive it, extension pages and the
 * background cannot be reached by a page at all.
 *
 * The facts are the ones the browser fills in, never the message: `id` (which extension), the sender's
 * origin, `tab` and `frameId` (a content script runs in a tab; only the top frame is ours).
 */
export type Sender =
  /** Our content script in the top frame of an x.com tab. */
  | { kind: 'x-content'; tabId: number; windowId: number | undefined }
  /** The background, or a page of this extension (popup, call window, permission tab). */
  | { kind: 'extension' }
  | { kind: 'unknown' };

/** The parts of `runtime.MessageSender` read here. */
export interface SenderFacts {
  id?: string;
  origin?: string;
  url?: string;
  tab?: { id?: number; windowId?: number };
  frameId?: number;
}

export interface ExtensionSelf {
  id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, without a trailing slash. */
  origin: string;
}

export function classifySender(sender: SenderFacts | undefined, self: ExtensionSelf): Sender {
  if (!sender || sender.id !== self.id) return UNKNOWN;
  const origin = originOf(sender);
  if (origin === null) return UNKNOWN;
  if (origin === self.origin) return { kind: 'extension' };
  const tabId = sender.tab?.id;
  if ((X_ORIGINS as readonly string[]).includes(origin) && tabId !== undefined && sender.frameId === 0) {
    return { kind: 'x-content', tabId, windowId: sender.tab?.windowId };
  }
  return UNKNOWN;
}

const UNKNOWN: Sender = { kind: 'unknown' };

/**
 * Chromium gives `origin`: the browser process's record of the sending document's origin, which neither
 * the page nor the document's URL can change (about:blank and srcdoc frames inherit their parent's, sandboxed
 * ones are opaque, all of it decided outside the renderer). Firefox gives no `origin`; the one fact it has
 * about the document is `url`, filled in by Firefox, not the page. Only then is the URL read, and only its
 * scheme and host: where the two differ (about:blank, data:, sandboxed frames) the URL yields no x.com or
 * extension origin, so the fallback can refuse a sender Chromium would accept but never accept one it
 * would refuse. `tab.url` would be worse: it is the tab's address when the message is handled, which a
 * navigation may have changed since the message was sent.
 */
function originOf(sender: SenderFacts): string | null {
  if (sender.origin !== undefined) return sender.origin;
  if (!sender.url) return null;
  try {
    // Spelled out: engines disagree on URL.origin for extension schemes (Node's is "null").
    const url = new URL(sender.url);
    return url.host ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}

/** This extension as classifySender needs it. */
export function extensionSelf(runtime: { id: string; getURL(path: string): string }): ExtensionSelf {
  return { id: runtime.id, origin: runtime.getURL('/').replace(/\/$/, '') };
}
