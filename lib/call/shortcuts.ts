/**
 * Keyboard shortcuts of the call window, as in Meet and Teams: Ctrl/⌘+D mute, Ctrl/⌘+E camera,
 * Ctrl/⌘+Shift+H hang up (Teams' key; a modifier so a stray key never ends a call).
 */
export type ShortcutAction = 'mute' | 'camera' | 'hangup';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function shortcutFor(press: KeyPress, isMac: boolean): ShortcutAction | null {
  const command = isMac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  if (!command || press.altKey) return null;
  const key = press.key.toLowerCase();
  if (press.shiftKey) return key === 'h' ? 'hangup' : null;
  if (key === 'd') return 'mute';
  if (key === 'e') return 'camera';
  return null;
}
