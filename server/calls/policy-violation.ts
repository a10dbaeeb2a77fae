/** A client broke the protocol in a way that ends its connection (1008), not just the call. */
export class PolicyViolation extends Error {}
