/**
 * Every runtime that reads the protocol has these two (browsers, Node 16 and later), but this project
 * type-checks without DOM or Node types, so it declares just what login-proof.ts uses.
 */
declare function btoa(data: string): string;
declare function atob(data: string): string;
