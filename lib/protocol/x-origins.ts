/**
 * Where X lives, for every part that needs to know: the content script's matches, the host permissions,
 * the tabs the background talks to, and the sender gate. Only the top frames of these origins run the
 * content script, so nothing else is ever an x.com sender.
 */
export const X_ORIGINS = ['https://x.com', 'https://twitter.com'] as const;

/** Match patterns for X_ORIGINS (manifest, tabs.query). */
export const X_MATCHES = X_ORIGINS.map((origin) => `${origin}/*`);
