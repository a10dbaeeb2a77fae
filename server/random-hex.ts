import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let used = pool.length;

/**
 * `bytes` random bytes from the system's CSPRNG, as hex. Drawn from a pool refilled 4 KiB at a time (as Node's
 * own randomUUID does): a call into OpenSSL per socket cost more than the rest of the socket's setup
 * (profiled on the sign-in path). Each byte is handed out once.
 */
export function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}
