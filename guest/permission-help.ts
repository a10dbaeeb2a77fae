/** Which words tell this browser's person how to give a refused camera and microphone back. */
export type DeniedHelp = 'guestDeniedIos' | 'guestDeniedAndroid' | 'guestDeniedDesktop';

/** iPadOS says "Macintosh" but has touch points; every iOS browser is Safari's engine and settings. */
export function deniedHelp(userAgent: string, maxTouchPoints: number): DeniedHelp {
  if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) return 'guestDeniedIos';
  if (/Android/.test(userAgent)) return 'guestDeniedAndroid';
  return 'guestDeniedDesktop';
}
