import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sideNav } from '../tests/fixtures/x/pages';
import { tweet } from '../tests/fixtures/x/people-pages';

/**
 * A page shaped like X's home timeline: side navigation, a list of tweet rows, #layers. Its own script
 * grows the list in batches the way X's virtualised list does (rows appended, old rows dropped once
 * there are more than X keeps), each row a real saved tweet's markup with the author's handle swapped.
 */
const SAVED_TWEET = path.resolve('../shared/fixtures/x/tweetyoink_x-tweet-sample.html');
const KEPT_ROWS = 60;

export function timelineRowTemplate(): { html: string; handle: string; source: string } {
  if (existsSync(SAVED_TWEET)) {
    const html = readFileSync(SAVED_TWEET, 'utf8');
    return { html: `<div data-testid="cellInnerDiv">${html}</div>`, handle: 'TestUser123', source: 'tweetyoink_x-tweet-sample.html (saved real tweet)' };
  }
  return { html: tweet('TestUser123', 'Test User'), handle: 'TestUser123', source: 'hand-built tweet (saved pages absent)' };
}

export function timelinePage(self: string): string {
  const row = timelineRowTemplate();
  return `<!doctype html><html lang="en" dir="ltr" style="font-size: 15px; color-scheme: light;"><head><meta charset="utf-8"><title>Home / X</title>
<style>/* X's own sizes for icons and images, so rows are as tall as on x.com (about 150-400 px). */
svg { inline-size: 1.25em; block-size: 1.25em; } img { max-inline-size: 48px; max-block-size: 48px; }
[data-testid="tweetPhoto"], [data-testid="tweetPhoto"] * { max-block-size: 200px; overflow: hidden; }
#timeline { max-inline-size: 600px; }</style></head>
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
  // Grows the list from the page's own tasks (as X does after each fetch), two frames between batches.
  // Resolves with the number of call-button hosts seen after each batch, summed (0 without the extension).
  window.grow = (batches, perBatch) => new Promise((done) => {
    let left = batches;
    let hostsSeen = 0;
    const step = () => {
      addTweets(perBatch);
      requestAnimationFrame(() => requestAnimationFrame(() => {
        hostsSeen += document.getElementsByTagName('ringside-call-buttons').length;
        --left > 0 ? setTimeout(step, 0) : done(hostsSeen);
      }));
    };
    setTimeout(step, 0);
  });
</script></body></html>`;
}
