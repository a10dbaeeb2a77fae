declare const __RINGSIDE_SERVER_URL__: string;

/** Fixed at build time from RINGSIDE_SERVER_URL (DESIGN §5). */
export const SERVER_URL: string = __RINGSIDE_SERVER_URL__;
