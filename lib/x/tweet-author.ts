import { firstProfileLink, handleFromAvatar } from './person-handle';
import { X } from './selectors';

const TWEET_OR_QUOTE = `${X.tweet}, ${X.quotedTweet}`;

/**
 * The tweet whose author `nameBlock` (a User-Name) names, or null when it names the author of a quoted
 * tweet (it sits inside the quote's link box, inside the tweet) or is not in a tweet at all. One native
 * walk up, which stops at whichever comes first: a walk in script costs more, and a walk for the quote box
 * alone went on to the document's root for every tweet that quotes nothing.
 */
export function tweetOfAuthorName(nameBlock: Element): Element | null {
  const nearest = nameBlock.closest(TWEET_OR_QUOTE);
  return nearest?.matches(X.tweet) ? nearest : null;
}

/**
 * The author's handle: the name block's profile link, else the tweet's own avatar (not the quoted
 * tweet's), whose testid carries the handle.
 */
export function tweetAuthorHandle(article: Element, nameBlock: Element): string | null {
  const fromLink = firstProfileLink(nameBlock)?.handle;
  if (fromLink) return fromLink;
  for (const avatar of article.querySelectorAll(X.tweetAvatar)) {
    const quoted = avatar.closest(X.quotedTweet);
    if (quoted && article.contains(quoted)) continue;
    return handleFromAvatar(avatar);
  }
  return null;
}
