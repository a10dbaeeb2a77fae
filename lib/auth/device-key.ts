import { loginProofText, toBase64Url, type DevicePublicKey } from '../protocol/login-proof';

/**
 * This install's device key: ECDSA P-256 made by WebCrypto with a non-extractable private key and kept in
 * IndexedDB (which stores the CryptoKey itself, never its bytes). The only file that touches either API.
 */
const DB = 'ringside-device';
const STORE = 'keys';
const KEY = 'device';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(db: IDBDatabase, mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = act(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

let pending: Promise<CryptoKeyPair> | undefined;

/** The key pair, made on first use. One promise per worker life, so two callers never make two keys. */
function deviceKeys(): Promise<CryptoKeyPair> {
  pending ??= (async () => {
    const db = await open();
    try {
      const saved = await run<CryptoKeyPair | undefined>(db, 'readonly', (s) => s.get(KEY));
      if (saved) return saved;
      const made = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      await run(db, 'readwrite', (s) => s.put(made, KEY));
      return made;
    } finally {
      db.close();
    }
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}

export async function devicePublicKey(): Promise<DevicePublicKey> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', (await deviceKeys()).publicKey);
  return { kty: kty as 'EC', crv: crv as 'P-256', x: x!, y: y! };
}

/** The proof a session hello carries: this socket's nonce and the session, signed by the device key. */
export async function signLogin(nonce: string, sessionId: string): Promise<string> {
  const data = new TextEncoder().encode(loginProofText(nonce, sessionId));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, (await deviceKeys()).privateKey, data);
  return toBase64Url(new Uint8Array(signature));
}
