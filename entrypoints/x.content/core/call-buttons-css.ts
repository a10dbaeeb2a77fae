import { MENU_CSS } from './call-menu';

/**
 * Sizes in rem follow X's own font-size setting (X writes it on <html>); colours follow its three themes,
 * set by `data-theme` on the host. Logical properties keep right-to-left pages right. The compact button
 * stays lower than X's name line (20px at 15px, the same ratio at every font size): one pixel taller made
 * each tweet grow as its button arrived, moving every row below it and costing X's rendering far more than
 * our script (bench notes).
 */
export const CALL_BUTTONS_CSS = `
:host { display: inline-flex; gap: 0.5rem; margin-inline-end: 0.5rem; align-items: center; vertical-align: middle;
  --fg: rgb(15, 20, 25); --bg: rgb(255, 255, 255); --line: rgb(207, 217, 222); --hover: rgba(15, 20, 25, 0.1); --focus: rgb(29, 155, 240); }
:host([data-theme="dim"]) { --fg: rgb(247, 249, 249); --bg: rgb(21, 32, 43); --line: rgb(83, 100, 113); --hover: rgba(247, 249, 249, 0.1); }
:host([data-theme="dark"]) { --fg: rgb(231, 233, 234); --bg: rgb(0, 0, 0); --line: rgb(83, 100, 113); --hover: rgba(231, 233, 234, 0.1); }
:host([data-compact]) { gap: 0.125rem; margin-inline: 0.25rem 0; }
button {
  inline-size: 2.4rem; block-size: 2.4rem; border-radius: 9999px; display: grid; place-items: center;
  border: 1px solid var(--line); background: transparent; color: var(--fg); cursor: pointer; padding: 0;
}
:host([data-compact]) button { inline-size: 1.25rem; block-size: 1.25rem; border: 0; opacity: 0.8; }
/* A finger needs 24 px (WCAG 2.5.8): on touch screens the compact button grows by its padding, and as much
   negative margin keeps X's name line exactly as tall as before. */
@media (pointer: coarse) {
  :host([data-compact]) button { --reach: max(0.175rem, calc((24px - 1.25rem) / 2)); box-sizing: content-box; padding: var(--reach); margin-block: calc(-1 * var(--reach)); }
}
button:hover { background: var(--hover); opacity: 1; }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
svg { inline-size: 1.33rem; block-size: 1.33rem; }
:host([data-compact]) svg { inline-size: 1rem; block-size: 1rem; }
[data-testid="ringside-presence"] { inline-size: 0.6rem; block-size: 0.6rem; border-radius: 50%; background: rgb(0, 186, 124); }
[data-testid="ringside-presence"][data-state="busy"] { background: rgb(244, 33, 46); }
${MENU_CSS}`;
