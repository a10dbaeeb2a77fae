/** Ringside's UI on x.com lives in open shadow roots, so X's styles and ours never meet. */
export function createShadowHost(tag: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}

export function button(testid: string, label: string, icon: SVGElement | string): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.dataset.testid = testid;
  el.setAttribute('aria-label', label);
  el.title = label;
  if (typeof icon === 'string') el.textContent = icon;
  else el.append(icon);
  return el;
}
