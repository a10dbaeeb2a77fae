/**
 * The incoming-call toast's look, in X's own colours for each of its three themes (light, dim, lights out),
 * chosen by `data-theme` from X's page rather than by the operating system's scheme: someone on X's dark
 * theme with a light system would otherwise get a white box in the dark. Text colours keep 4.5:1 on their
 * background (X's secondary greys are close to the limit, so these are X's or a shade further).
 */
export const TOAST_CSS = `
:host { position: fixed; inset-block-end: 24px; inset-inline-end: 24px; z-index: 2147483647; max-inline-size: calc(100vw - 32px); }
.toast {
  --fg: #0f1419; --muted: #536471; --bg: #fff; --warn: #8f4700; --avatar: #cfd9de;
  font: 15px/1.35 TwitterChirp, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  border-radius: 16px; box-shadow: rgba(101,119,134,.2) 0 0 15px, rgba(101,119,134,.15) 0 0 3px 1px; padding: 16px;
  min-inline-size: 260px; max-inline-size: 360px; box-sizing: border-box; display: grid; gap: 12px;
}
.toast[data-theme="dim"] { --fg: #f7f9f9; --muted: #8b98a5; --bg: #15202b; --warn: #ffb454; --avatar: #38444d; box-shadow: rgba(136,153,166,.2) 0 0 15px, rgba(136,153,166,.15) 0 0 3px 1px; }
.toast[data-theme="dark"] { --fg: #e7e9ea; --muted: #8b9096; --bg: #000; --warn: #ffb454; --avatar: #333639; box-shadow: rgba(255,255,255,.2) 0 0 15px, rgba(255,255,255,.15) 0 0 3px 1px; }
.caller { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 12px; align-items: center; }
.avatar {
  inline-size: 48px; block-size: 48px; border-radius: 50%; object-fit: cover; background: var(--avatar);
  display: grid; place-items: center; font-size: 22px; font-weight: 700;
}
.who { display: grid; min-inline-size: 0; }
.name { font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.says { font-weight: 700; overflow-wrap: anywhere; }
.name + .says { font-weight: 400; color: var(--muted); }
.meta { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
button {
  flex: 1; border: 0; border-radius: 9999px; padding: 8px 12px; min-block-size: 40px; font: inherit; font-weight: 700; cursor: pointer;
  display: inline-flex; gap: 6px; align-items: center; justify-content: center; color: #fff; background: #00703c;
}
button[data-testid="ringside-decline"] { background: #c4101b; }
button.block { flex: 0 1 auto; color: inherit; background: transparent; box-shadow: inset 0 0 0 1px currentColor; }
button:focus-visible { outline: 2px solid #1d9bf0; outline-offset: 2px; }
svg { inline-size: 18px; block-size: 18px; }
.unverified { font-size: 13px; color: var(--warn); }
.hint { font-size: 13px; color: var(--muted); }
`;
