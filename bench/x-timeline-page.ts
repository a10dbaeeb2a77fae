import { sideNav } from '../tests/fixtures/x/pages';
import { savedPage, xStylesheet } from '../tests/fixtures/x/saved-pages';

/**
 * A page shaped like X's home timeline: side navigation, a list of tweet rows, #layers. Its own script
 * grows the list in batches the way X's virtualised list does (rows appended, old rows dropped once
 * there are more than X keeps), each row a real saved timeline row with the author's handle swapped, laid
 * out by X's own stylesheet from the same saved page: without it a tweet's name line is not X's flex row,
 * and anything added to it (our buttons) lands on a line of its own, a layout shift X never sees.
 */
const SAVED_PAGE = 'metascraper-x_profile.html' as const;
const SAVED_AUTHOR = 'Kikobeats';
const KEPT_ROWS = 60;

export interface RowTemplate {
  html: string;
  handle: string;
  /** X's own stylesheet, as the saved page carries it. */
  css: string;
  source: string;
}

/**
 * The saved page is required: a hand-built row has no X layout, so figures from it would not compare with
 * any other run (savedPage says what is missing).
 */
export function timelineRowTemplate(): RowTemplate {
  const saved = savedPage(SAVED_PAGE);
  const row = firstRow(saved);
  const css = xStylesheet(saved);
  if (!row || !css) throw new Error(`${SAVED_PAGE} no longer holds a timeline row and X's stylesheet`);
  return { html: row, handle: SAVED_AUTHOR, css, source: `${SAVED_PAGE} (a saved real timeline row and X's stylesheet)` };
}

/** The page's first list row, whole, in the list's normal flow (X positions its rows absolutely). */
function firstRow(page: string): string | null {
  const start = page.search(/<div[^>]*data-testid="cellInnerDiv"/);
  if (start < 0) return null;
  let depth = 0;
  for (const tag of page.slice(start).matchAll(/<div\b|<\/div>/g)) {
    depth += tag[0] === '<div' ? 1 : -1;
    if (depth === 0) return page.slice(start, start + tag.index + tag[0].length).replace(/ style="[^"]*"/, '');
  }
  return null;
}

export function timelinePage(self: string): string {
  const row = timelineRowTemplate();
  return `<!doctype html><html lang="en" dir="ltr" style="font-size: 15px; color-scheme: light;"><head><meta charset="utf-8"><title>Home / X</title>
<style>${row.css}</style>
<style>#timeline { max-inline-size: 600px; }</style></head>
<body style="background-color: rgb(255, 255, 255);"><div id="react-root"><div>${sideNav(self)}
<main role="main"><div data-testid="primaryColumn"><section><div id="timeline"></div></section></div></main><div id="layers"></div></div></div>
<template id="row">${row.html}</template>
<script>
  const rowHtml = document.getElementById('row').innerHTML;
  const list = document.getElementById('timeline');
  let added = 0;
  // Authors cycle through 200 people and, one row in ten, the logged-in account itself.
  window.addTweets = (n) => {
    const html = [];
    for (let i = 0; i < n; i++, added++) {
      const author = added % 10 === 3 ? ${JSON.stringify(self)} : 'person' + (added % 200);
      html.push(rowHtml.replaceAll(${JSON.stringify(row.handle)}, author));
    }
    list.insertAdjacentHTML('beforeend', html.join(''));
    while (list.childElementCount > ${KEPT_ROWS}) list.firstElementChild.remove();
    return added;
  };
  // Grows the list from the page's own tasks (as X does after each fetch), a given number of frames after each batch.
  // Resolves with the number of call-button hosts (Ringside's or the bench's reference script's) seen
  // after each batch, summed (0 without an extension).
  window.grow = (batches, perBatch, frames) => new Promise((done) => {
    let left = batches;
    let hostsSeen = 0;
    const afterFrames = (n, then) => requestAnimationFrame(() => (n > 1 ? afterFrames(n - 1, then) : then()));
    const step = () => {
      addTweets(perBatch);
      afterFrames(frames, () => {
        hostsSeen += document.getElementsByTagName('ringside-call-buttons').length + document.getElementsByTagName('reference-call-button').length;
        --left > 0 ? setTimeout(step, 0) : done(hostsSeen);
      });
    };
    setTimeout(step, 0);
  });
</script></body></html>`;
}
