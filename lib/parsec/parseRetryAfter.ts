/**
 * Reads a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns how many
 * ms to wait from `nowMs`, or undefined when the header is absent or unreadable (the caller then
 * falls back to the documented block duration, so a garbled header must not become a 0 ms wait).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  // Fractional seconds are not standard, but cost nothing to accept.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Date.parse also accepts bare numbers and other oddities; an HTTP-date always names a month.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  // The obsolete asctime form carries no zone, and Date.parse would read it as local time.
  const zoned = /\b(GMT|UTC|UT)\b|[+-]\d{4}$/i.test(text) ? text : `${text} GMT`;
  const at = Date.parse(zoned);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
