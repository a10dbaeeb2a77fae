/**
 * The one place that decides who sent a message. A message is only as trustworthy as its sender:
 * content scripts run inside x.com and can be driven by the page, extension pages cannot.
 */
export type SenderKind = 'x-content' | 'extension-page' | 'unknown';

export interface SenderFacts {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

const X_ORIGINS = new Set(['https://x.com', 'https://twitter.com', 'https://mobile.x.com', 'https://mobile.twitter.com']);

export function senderKind(sender: SenderFacts, self: { id: string; origin: string }): SenderKind {
  if (sender.id !== self.id || !sender.url) return 'unknown';
  // Compared as text: engines disagree on the origin of an extension URL (Node's is "null").
  if (sender.url.startsWith(`${self.origin}/`)) return 'extension-page';
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return 'unknown';
  }
  if (X_ORIGINS.has(origin) && sender.tab?.id !== undefined && sender.frameId === 0) return 'x-content';
  return 'unknown';
}

/** This extension as senderKind needs it. */
export function extensionSelf(runtime: { id: string; getURL(path: string): string }): { id: string; origin: string } {
  return { id: runtime.id, origin: runtime.getURL('/').replace(/\/$/, '') };
}
