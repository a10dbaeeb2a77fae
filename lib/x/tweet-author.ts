import { firstProfileLink, handleFromAvatar } from './person-handle';
import { X } from './selectors';

export interface TweetAuthor {
  handle: string;
  /** The author's name block: the call buttons go at its end, on the name line. */
  nameBlock: Element;
}

/**
 * The author of a tweet, never of the tweet it quotes: the name block that is not inside the quoted
 * tweet's link box. The handle comes from the block's profile link, else from the tweet's own avatar.
 */
export function findTweetAuthor(article: Element): TweetAuthor | null {
  for (const nameBlock of article.querySelectorAll(X.tweetAuthor)) {
    const quoted = nameBlock.closest(X.quotedTweet);
    if (quoted && article.contains(quoted)) continue;
    const handle = firstProfileLink(nameBlock)?.handle ?? ownAvatarHandle(article);
    return handle ? { handle, nameBlock } : null;
  }
  return null;
}

function ownAvatarHandle(article: Element): string | null {
  for (const avatar of article.querySelectorAll(X.tweetAvatar)) {
    const quoted = avatar.closest(X.quotedTweet);
    if (quoted && article.contains(quoted)) continue;
    return handleFromAvatar(avatar);
  }
  return null;
}
