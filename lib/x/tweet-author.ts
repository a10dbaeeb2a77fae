import { firstProfileLink, handleFromAvatar } from './person-handle';
import { X } from './selectors';

/** How far above its name block a tweet's <article> can be; the saved pages need 8. */
const NAME_DEPTH = 16;

/**
 * The tweet whose author `nameBlock` (a User-Name) names, or null when it names the author of a quoted
 * tweet (it sits inside the quote's link box) or is not in a tweet at all. One walk up, no search.
 */
export function tweetOfAuthorName(nameBlock: Element): Element | null {
  let el = nameBlock.parentElement;
  for (let depth = 0; el && depth < NAME_DEPTH; depth++, el = el.parentElement) {
    if (el.localName === 'div' && el.getAttribute('role') === 'link') return null; // X.quotedTweet
    if (el.localName === 'article' && el.getAttribute('data-testid') === 'tweet') return el; // X.tweet
  }
  return null;
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
