/**
 * Every selector into X's page, in one file. Only data-testid and URL structure: visible text and
 * aria-labels are translated, class names are hashed. Each names the saved page (shared/fixtures/x) or the
 * hand-built one (tests/fixtures/x) that proves it; where X ships two variants, both are listed and the
 * finder tries them in order.
 */
export const X = {
  /** Profile header: name and @handle. metascraper-x_profile.html */
  profileName: '[data-testid="UserName"]',
  /** The row with Message/Follow when logged in (hand-built: no saved page has it). */
  profileActionsLoggedIn: '[data-testid="userActions"]',
  /** Follow, the only action when logged out. metascraper-x_profile.html */
  profileActionsLoggedOut: '[data-testid="placementTracking"]',
  /** Shown instead of Follow on your own profile. rvinowise_own-profile-main_2023-12.html */
  ownProfile: '[data-testid="editProfileButton"]',
  /** Side navigation's link to your own profile (hand-built). */
  selfProfileLink: '[data-testid="AppTabBar_Profile_Link"]',
  /** Fallback for the logged-in account: the avatar inside the account switcher (hand-built). */
  selfAccountSwitcher: '[data-testid="SideNav_AccountSwitcher_Button"]',
  selfAccountSwitcherAvatar: '[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]',
  /**
   * X's phone layout has no side navigation: the top bar's profile picture opens the account drawer. It is a
   * link to the profile in some versions and a button around the avatar in others (hand-built).
   */
  selfPhoneProfileButton: '[data-testid="DashButton_ProfileIcon_Link"]',
  selfPhoneProfileAvatar: '[data-testid="DashButton_ProfileIcon_Link"] [data-testid^="UserAvatar-Container-"]',

  /** A tweet, in any timeline or on its own page. tweetyoink_x-tweet-sample.html, metascraper-x_post.html */
  tweet: 'article[data-testid="tweet"]',
  /** The element a tweet is: code that walks or lists by tag, where a selector would cost more. */
  tweetTag: 'article',
  /** Name, @handle and time of a tweet's author; a quoted tweet has its own. tweetyoink_x-tweet-quote.html */
  tweetAuthor: '[data-testid="User-Name"]',
  /** The quoted tweet inside a tweet: a focusable link-like box. tweetyoink_x-tweet-quote.html */
  quotedTweet: 'div[role="link"]',
  /** Fallback for the author: the tweet's avatar, whose testid carries the handle. tweetyoink_x-tweet-quote.html */
  tweetAvatar: '[data-testid="Tweet-User-Avatar"] [data-testid^="UserAvatar-Container-"]',
  /** Any avatar: its testid ends with the handle. Every saved page. */
  avatar: '[data-testid^="UserAvatar-Container-"]',

  /** A row of X's virtualised lists; it holds one item: a tweet, a user cell, a header. Every saved timeline. */
  row: '[data-testid="cellInnerDiv"]',
  /** Followers, following, who to follow, search results: a div or button. rvinowise_timeline-cells-with-usercells_2023-12.html */
  userCell: '[data-testid="UserCell"]',
  /** Follow / Following button, testid `<userId>-follow` or `-unfollow`. metascraper-x_profile.html, rvinowise_* */
  followButton: '[data-testid$="-follow"], [data-testid$="-unfollow"]',

  /** The card X shows when hovering a name or avatar, and (reusing the testid) the account switcher (hand-built). */
  hoverCard: '[data-testid="HoverCard"]',
  /** The layer X puts popups in, hover cards included (hand-built; DESIGN §7). */
  layersId: 'layers',
  /** Only a person's hover card links to their following list (hand-built). */
  hoverCardFollowing: 'a[href$="/following"]',

  /** Current DM interface, /i/chat/…: the conversation header with a link to the other person (hand-built). */
  dmHeader: '[data-testid="dm-conversation-header"]',
  /** Older DM interface, /messages/…: the conversation panel (hand-built). */
  dmLegacyPanel: '[data-testid="DmActivityContainer"]',
  /** …its avatar links; the header's is the one outside the message list (hand-built). */
  dmLegacyAvatar: '[data-testid="DM_Conversation_Avatar"]',
  dmLegacyMessages: '[data-testid="DmScrollerContainer"]',
} as const;

export const AVATAR_TESTID_PREFIX = 'UserAvatar-Container-';

/** The testid a `[data-testid="…"]` selector names, for code that dispatches on testids instead of matching. */
export function testidIn(selector: string): string {
  const found = /\[data-testid="([^"]+)"\]/.exec(selector);
  if (!found) throw new Error(`No testid in ${selector}`);
  return found[1]!;
}
