// The least a content script can do to put a button on each tweet of X's timeline with the standard
// technique, for the bench to measure Ringside against (bench/content-script.ts): one MutationObserver,
// one IntersectionObserver entry per added element, and for each row that comes near the viewport one
// search for the author's name block and one cloned shadow-hosted button at the end of its last line.
// No identity, no theme, no presence, no navigation: everything Ringside does beyond this is its overhead.
const TAG = 'reference-call-button';
const sheet = new CSSStyleSheet();
sheet.replaceSync(
  ':host { display: inline-flex; margin-inline-start: 0.25rem; vertical-align: middle; }' +
    'button { inline-size: 1.25rem; block-size: 1.25rem; padding: 0; border: 0; border-radius: 9999px; background: transparent; }',
);
const prototype = document.createElement(TAG);
const prototypeRoot = prototype.attachShadow({ mode: 'open', clonable: true });
const button = document.createElement('button');
button.type = 'button';
button.setAttribute('aria-label', 'Call');
prototypeRoot.append(button);

function place(row) {
  const name = row.querySelector('article[data-testid="tweet"] [data-testid="User-Name"]');
  const link = name && name.querySelector('a[href]');
  if (!link) return;
  const line = name.lastElementChild || name;
  if (line.lastElementChild && line.lastElementChild.localName === TAG) return;
  const host = prototype.cloneNode(true);
  host.shadowRoot.adoptedStyleSheets = [sheet];
  host.setAttribute('data-handle', link.getAttribute('href').slice(1).toLowerCase());
  line.append(host);
}

const near = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      near.unobserve(entry.target);
      if (entry.target.isConnected) place(entry.target);
    }
  },
  { rootMargin: '25% 0px' },
);

new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node.nodeType === 1 && node.localName !== TAG) near.observe(node);
  }
}).observe(document.documentElement, { childList: true, subtree: true });

for (const row of document.querySelectorAll('[data-testid="cellInnerDiv"]')) near.observe(row);
