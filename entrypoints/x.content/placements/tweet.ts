import { tweetAuthorHandle, tweetOfAuthorName } from '@/lib/x/tweet-author';
import { reportMiss } from '@/lib/x/miss-log';
import { testidIn, X } from '@/lib/x/selectors';
import { HOST_TAG } from '../call-buttons';
import { placeButtons } from '../place-host';
import { whenVisible } from '../when-visible';
import type { ElementPlacement, PageContext } from './types';

const TWEET = testidIn(X.tweet);

/**
 * Compact buttons at the end of each tweet author's name line; never on your own tweets, never on a
 * quoted tweet's author (so never twice, never instead of the outer author). Built when the tweet nears
 * the viewport (most come from roots the scanner searched only then); a row X recycles in place is
 * updated at once.
 */
export const tweet: ElementPlacement = {
  place: 'tweet',
  collect(added, found) {
    const outer = added.closest('article');
    if (outer) {
      authorName(outer, found);
      return true;
    }
    const articles = added.getElementsByTagName('article');
    for (let i = 0; i < articles.length; i++) authorName(articles[i]!, found);
    // A row of X's lists holds one item: a row with a tweet holds no user cell or card.
    return articles.length > 0 && !!added.closest(X.row);
  },
  apply(nameBlock, page, near) {
    if (near || hasHost(nameBlock)) place(nameBlock, page);
    else whenVisible(nameBlock, () => place(nameBlock, page));
  },
};

/** The tweet's first name block is its author's; a quoted tweet's comes after it. */
function authorName(article: Element, found: (el: Element) => void) {
  if (article.getAttribute('data-testid') !== TWEET) return;
  const name = article.querySelector(X.tweetAuthor);
  if (name) found(name);
}

function place(nameBlock: Element, page: PageContext) {
  const article = tweetOfAuthorName(nameBlock);
  const handle = article && tweetAuthorHandle(article, nameBlock);
  if (article && !handle) reportMiss("a tweet's author");
  const spot = handle && handle !== page.self ? { handle, parent: nameBlock, before: null } : null;
  placeButtons(hostsIn(nameBlock), 'tweet', spot, page.theme);
}

/** Our hosts are direct children of the name block: no search through the tweet (sibling links: an
 * HTMLCollection's iterator costs more than the few children it visits). */
function hostsIn(nameBlock: Element): HTMLElement[] {
  const hosts: HTMLElement[] = [];
  for (let child = nameBlock.firstElementChild; child; child = child.nextElementSibling) if (child.localName === HOST_TAG) hosts.push(child as HTMLElement);
  return hosts;
}

function hasHost(nameBlock: Element): boolean {
  for (let child = nameBlock.firstElementChild; child; child = child.nextElementSibling) if (child.localName === HOST_TAG) return true;
  return false;
}
