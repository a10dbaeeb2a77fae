/**
 * The one key that reaches a ring's toast: Alt+Shift+A ("answer"). X's own shortcuts are single letters,
 * `g` + a letter, Shift+`?` and Ctrl/Cmd+Enter; none holds Alt. Holding two modifiers is no typing slip, and
 * matching the physical key (`code`) keeps it one key on macOS, where Option+Shift+A types "Å".
 */
export function isToastShortcut(event: KeyboardEvent): boolean {
  return event.code === 'KeyA' && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey;
}

/**
 * While this copy lives, the person's own Alt+Shift+A moves focus to the newest toast's Accept (audio)
 * button, remembering where it came from. It only moves focus: accepting still takes a key on that button.
 * A page script's synthetic key moves nothing.
 */
export function listenForToastShortcut(signal: AbortSignal, target: () => HTMLElement | null, cameFrom: (el: Element | null) => void): void {
  addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || !isToastShortcut(event)) return;
      const accept = target();
      if (!accept) return;
      // Neither X nor the box being typed in gets the key (no "Å" left in a reply).
      event.preventDefault();
      event.stopPropagation();
      cameFrom(document.activeElement);
      accept.focus();
    },
    { capture: true, signal },
  );
}
