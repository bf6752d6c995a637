import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Passwords are hashed with scrypt (memory-hard) from node:crypto, with a random salt per password.
 * The stored form carries its parameters, `scrypt$<N>$<r>$<p>$<salt>$<hash>` (base64url), so the
 * cost can be raised later: old hashes still verify with their own parameters, and
 * `needsRehash` says when one should be replaced at the next successful sign-in.
 */

export interface ScryptParameters {
  /** CPU/memory cost, a power of two. Memory used is 128 * N * r bytes. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (2^17, 8, 1): 128 MiB and about 0.6 s per hash on a small server. */
export const DEFAULT_SCRYPT: ScryptParameters = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = "scrypt";

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashPassword(password: string, params: ScryptParameters = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface ParsedHash {
  params: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || !Number.isInteger(Math.log2(N)) || N > 2 ** 22 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4]!, "base64url");
  const key = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** Hashes of a password nobody knows: verifying an unknown account costs as much as a known one. */
const decoyHashes = new Map<string, Promise<string>>();

/**
 * True when `password` matches `stored`. With `stored` null (no such account, or an account
 * without a password) it still spends the time of one verification and answers false, so the
 * answer time does not tell whether an account exists.
 */
export async function verifyPassword(password: string, stored: string | null, decoyParams: ScryptParameters = DEFAULT_SCRYPT): Promise<boolean> {
  const parsed = stored ? parseHash(stored) : null;
  if (!parsed) {
    const key = `${decoyParams.N}/${decoyParams.r}/${decoyParams.p}`;
    if (!decoyHashes.has(key)) decoyHashes.set(key, hashPassword(randomBytes(16).toString("hex"), decoyParams));
    const decoy = parseHash(await decoyHashes.get(key)!)!;
    await derive(password, decoy.salt, decoy.params);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash was made with weaker parameters than `target`. */
export function needsRehash(stored: string, target: ScryptParameters = DEFAULT_SCRYPT): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  return parsed.params.N < target.N || parsed.params.r < target.r || parsed.params.p < target.p;
}
