/**
 * WebSocket close codes of `/ws` that mean something to the other end. 4000-4999 are the application's own
 * (RFC 6455 §7.4.2).
 */

/** This identity is over (signed out, expired, revoked, or a real sign-in is required): the client stops retrying. */
export const CLOSE_SIGNED_OUT = 4001;

/**
 * The server is going away (a node draining before it stops, RFC 6455's 1001): the client reconnects with its
 * usual backoff, and the balanced address sends it to another node.
 */
export const CLOSE_GOING_AWAY = 1001;

/** The other end broke the protocol: malformed, out of order, too many, or refused (RFC 6455's 1008). */
export const CLOSE_POLICY = 1008;

/** The server failed while handling a message; the client may reconnect (RFC 6455's 1011). */
export const CLOSE_INTERNAL_ERROR = 1011;
