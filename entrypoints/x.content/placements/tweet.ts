import { findTweetAuthor } from '@/lib/x/tweet-author';
import { reportMiss } from '@/lib/x/miss-log';
import { X } from '@/lib/x/selectors';
import { placeButtons } from '../place-host';
import type { ElementPlacement } from './types';

/** Compact buttons at the end of each tweet author's name line; never on your own tweets or a quoted author. */
export const tweet: ElementPlacement = {
  place: 'tweet',
  selector: X.tweet,
  apply(article, page) {
    const author = findTweetAuthor(article);
    if (!author && article.querySelector(X.tweetAuthor)) reportMiss("a tweet's author");
    const spot = author && author.handle !== page.self ? { handle: author.handle, parent: author.nameBlock, before: null } : null;
    placeButtons(article, 'tweet', spot, page.theme);
  },
};
