/**
 * The content script's one way to its strings (WXT's generated `#i18n`): one module for the fast tests
 * to stand in for, since `#i18n` exists only inside WXT's build.
 */
export { i18n } from '#i18n';
