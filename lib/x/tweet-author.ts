import { firstProfileLink, handleFromAvatar } from './person-handle';
import { X } from './selectors';

/**
 * The tweet whose author `nameBlock` (a User-Name) names, or null when it names the author of a quoted
 * tweet (it sits inside the quote's link box) or is not in a tweet at all. Two native walks up: a walk in
 * script costs more, since this runs once per tweet before the code is warm.
 */
export function tweetOfAuthorName(nameBlock: Element): Element | null {
  const article = nameBlock.closest(X.tweet);
  if (!article) return null;
  const quote = nameBlock.closest(X.quotedTweet);
  return quote && article.contains(quote) ? null : article;
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
