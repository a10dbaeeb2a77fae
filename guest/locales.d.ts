/** locales/*.yml, flattened by guest/vite.config.ts: language → key → message. */
declare module 'virtual:ringside-locales' {
  const messages: Record<'en' | 'fr', Record<string, string>>;
  export default messages;
}
