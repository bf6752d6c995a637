/**
 * KSUIDs as Parsec's ids appear to be: 20 bytes (4-byte big-endian seconds since 2014-05-13, then
 * 16 payload bytes) written as 27 base62 characters, zero-padded. The alphabet is in ASCII order, so
 * comparing the strings compares the numbers: ids sort by second, then by payload.
 *
 * Ids are handled as five big-endian uint32 words so that a million of them fit in a typed array.
 */

export const KSUID_EPOCH_SECONDS = 1_400_000_000;
export const KSUID_LENGTH = 27;
export const KSUID_WORDS = 5;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CODES = Array.from(ALPHABET, (ch) => ch.charCodeAt(0));
const DIGIT_OF = new Int8Array(128).fill(-1);
ALPHABET.split("").forEach((ch, i) => {
  DIGIT_OF[ch.charCodeAt(0)] = i;
});

const scratch = new Uint32Array(KSUID_WORDS);
const digits = new Array<number>(KSUID_LENGTH);

/** Encodes the five words at `words[offset..offset+5)`. */
export function encodeKsuid(words: ArrayLike<number>, offset = 0): string {
  for (let k = 0; k < KSUID_WORDS; k++) scratch[k] = words[offset + k] as number;
  // Long division of the 160-bit number by 62, most significant word first; each step stays
  // below 62 * 2^32, well inside a double's exact range.
  for (let d = KSUID_LENGTH - 1; d >= 0; d--) {
    let rem = 0;
    for (let k = 0; k < KSUID_WORDS; k++) {
      const cur = rem * 0x1_0000_0000 + (scratch[k] as number);
      const q = Math.floor(cur / 62);
      rem = cur - q * 62;
      scratch[k] = q;
    }
    digits[d] = CODES[rem] as number;
  }
  return String.fromCharCode(...digits);
}

/** Decodes into `out`; false when the text is not a 27-character base62 number below 2^160. */
export function decodeKsuid(text: string, out: Uint32Array): boolean {
  if (text.length !== KSUID_LENGTH) return false;
  out.fill(0);
  for (let i = 0; i < KSUID_LENGTH; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (DIGIT_OF[code] as number) : -1;
    if (digit < 0) return false;
    let carry = digit;
    for (let k = KSUID_WORDS - 1; k >= 0; k--) {
      const cur = (out[k] as number) * 62 + carry;
      out[k] = cur % 0x1_0000_0000;
      carry = Math.floor(cur / 0x1_0000_0000);
    }
    if (carry !== 0) return false;
  }
  return true;
}

/** KSUID seconds of a Unix time in microseconds. */
export function ksuidSecondsOf(unixMicros: number): number {
  return Math.floor(unixMicros / 1_000_000) - KSUID_EPOCH_SECONDS;
}

/** A KSUID made of a timestamp and four payload words. */
export function makeKsuid(unixMicros: number, p0: number, p1: number, p2: number, p3: number): string {
  return encodeKsuid([ksuidSecondsOf(unixMicros), p0, p1, p2, p3]);
}
