import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a presented secret with the expected one in constant time: both are reduced to SHA-256
 * digests of equal length first, so neither the content nor the length of the expected secret
 * shows in the answer time.
 */
export function constantTimeEqual(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or "" when there is none. */
export function bearerToken(authorization: string | null): string {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
}
