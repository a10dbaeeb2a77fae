import { reportMiss } from '../../../lib/x/miss-log';
import { testidIn, X } from '../../../lib/x/selectors';
import { tweetAuthorHandle, tweetOfAuthorName } from '../../../lib/x/tweet-author';
import type { ContentContext, Feature } from '../core/feature';
import { HOST_TAG } from '../core/host-tag';

const TWEET = testidIn(X.tweet);
const ROW = testidIn(X.row);
const FIRST_AUTHOR_IN_ROW = `${X.tweet} ${X.tweetAuthor}`;

/**
 * Compact buttons at the end of each tweet author's name block; never on your own tweets, never on a
 * quoted tweet's author (so never twice, never instead of the outer author). Built when the tweet nears
 * the viewport (most come from roots the scanner searched only then); a row X recycles in place is
 * updated at once.
 */
export const tweet: Feature = {
  start(content) {
    const placeWhenNear = content.nearViewport((nameBlocks) => {
      for (const nameBlock of nameBlocks) place(content, nameBlock);
      content.absorbOwnChanges();
    });
    return {
      element: {
        place: 'tweet',
        collect(added, found) {
          // Most of what X adds is a whole row of a list, holding one item: one native search finds its
          // tweet's first name block, and no walk up is needed.
          if (added.getAttribute('data-testid') === ROW) {
            const name = added.querySelector(FIRST_AUTHOR_IN_ROW);
            if (name) found(name);
            // A row with a tweet holds no user cell or card.
            return !!name;
          }
          const outer = added.closest(X.tweetTag);
          if (outer) {
            authorName(outer, found);
            return true;
          }
          const articles = added.getElementsByTagName(X.tweetTag);
          for (let i = 0; i < articles.length; i++) authorName(articles[i]!, found);
          return articles.length > 0 && !!added.closest(X.row);
        },
        apply(nameBlock, near) {
          if (near || hasHost(nameBlock)) place(content, nameBlock);
          else placeWhenNear(nameBlock);
        },
      },
    };
  },
};

/** The tweet's first name block is its author's; a quoted tweet's comes after it. */
function authorName(article: Element, found: (el: Element) => void) {
  if (article.getAttribute('data-testid') !== TWEET) return;
  const name = article.querySelector(X.tweetAuthor);
  if (name) found(name);
}

function place(content: ContentContext, nameBlock: Element) {
  const article = tweetOfAuthorName(nameBlock);
  const handle = article && tweetAuthorHandle(article, nameBlock);
  if (article && !handle) reportMiss("a tweet's author");
  const line = lastLine(nameBlock);
  const spot = handle && handle !== content.page.self ? { handle, parent: line, before: null } : null;
  content.place(hostsIn(line), 'tweet', spot);
}

/**
 * The name block's last line: the handle and the time in a timeline, the handle alone under the name on a
 * tweet's own page. The buttons end it, joining a line X already has: at the end of the block itself they
 * started a line of their own on a tweet's page, and the whole tweet moved down. Never inside a link: a
 * button there would also follow it.
 */
function lastLine(nameBlock: Element): Element {
  let line = nameBlock.lastElementChild;
  while (line?.localName === HOST_TAG) line = line.previousElementSibling;
  return line && line.localName !== 'a' ? line : nameBlock;
}

/** Shared by every line without a host (nearly all of them): nothing is allocated for those. */
const NONE: readonly HTMLElement[] = [];

/**
 * Our hosts are children of the line, which has a few: a walk over them costs less than a search (a tag
 * search gives the line a live collection of its own to keep).
 */
function hostsIn(line: Element): readonly HTMLElement[] {
  let hosts: HTMLElement[] | null = null;
  for (let el = line.firstElementChild; el; el = el.nextElementSibling) if (el.localName === HOST_TAG) (hosts ??= []).push(el as HTMLElement);
  return hosts ?? NONE;
}

function hasHost(nameBlock: Element): boolean {
  return hostsIn(lastLine(nameBlock)).length > 0;
}
