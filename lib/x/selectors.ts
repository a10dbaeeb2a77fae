/**
 * Every selector into X's page, in one file. Only data-testid and URL structure: visible text and
 * aria-labels are translated, class names are hashed. Each has a saved page in shared/fixtures/x or a
 * hand-built one in tests/fixtures/x that proves it.
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
  /** Fallback for the logged-in account: the avatar inside the account switcher. */
  selfAccountSwitcherAvatar: '[data-testid="SideNav_AccountSwitcher_Button"] [data-testid^="UserAvatar-Container-"]',
} as const;

export const AVATAR_TESTID_PREFIX = 'UserAvatar-Container-';
