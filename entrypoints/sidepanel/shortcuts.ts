import { shortcutFor } from '@/lib/call/shortcuts';

interface ShortcutTargets {
  hangup(): void;
  toggleMute(): void;
  toggleCamera(): void;
}

/** Ctrl/⌘+D, Ctrl/⌘+E and Ctrl/⌘+Shift+H in the call window; the browser's own meaning (bookmark, search) yields. */
export function installShortcuts(targets: ShortcutTargets): void {
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  document.addEventListener('keydown', (event) => {
    const action = shortcutFor(event, isMac);
    if (!action) return;
    event.preventDefault();
    if (action === 'mute') targets.toggleMute();
    else if (action === 'camera') targets.toggleCamera();
    else targets.hangup();
  });
}
