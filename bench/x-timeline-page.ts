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
  return `<!doctype html><html lang="en" dir="ltr" style="font-size: 15px; color-scheme: light;"><head><meta charset="utf-8"><title>Home / X</title></head>
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
      const author = added % 10 === 0 ? ${JSON.stringify(self)} : 'person' + (added % 200);
      html.push(rowHtml.replaceAll(${JSON.stringify(row.handle)}, author));
    }
    list.insertAdjacentHTML('beforeend', html.join(''));
    while (list.childElementCount > ${KEPT_ROWS}) list.firstElementChild.remove();
    return added;
  };
  // Grows the list from the page's own tasks (as X does after each fetch), two frames between batches.
  window.grow = (batches, perBatch) => new Promise((done) => {
    let left = batches;
    const step = () => {
      addTweets(perBatch);
      requestAnimationFrame(() => requestAnimationFrame(() => (--left > 0 ? setTimeout(step, 0) : done())));
    };
    setTimeout(step, 0);
  });
</script></body></html>`;
}
