const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[A-Za-z0-9._-]+$/;

/** The configured extension origins, or any extension's when none is configured: never a web page. */
export function extensionOrigins(allowed: readonly string[]): (origin: string) => boolean {
  return (origin) => (allowed.length ? allowed.includes(origin) : EXTENSION_ORIGIN.test(origin));
}
