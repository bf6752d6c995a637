import { formatInstant } from "./dateTime";
import type { Locale } from "./locales";

/**
 * A translated sentence that names instants (an alert's, an audit entry's): its text, and the
 * instants kept apart, so that a page shows each in its reader's zone (<LocalTime>) and plain text
 * (a notification, a stored English line) writes it in UTC. A message marks an instant with a
 * <time> tag (`timeTag`); `plain` removes the mark from every value first, so that a host's name or
 * an error's text cannot pass itself off as an instant.
 */
export type SentencePart = string | { time: string };

const MARK = "\u0000";

export const plain = (text: string) => text.replaceAll(MARK, "");

/** The <time> tag of a message translated with `t.markup`. */
export const timeTag = (chunks: string) => `${MARK}${chunks}${MARK}`;

export function sentenceParts(marked: string): SentencePart[] {
  return marked.split(MARK).map((part, index) => (index % 2 === 1 ? { time: part } : part));
}

/** The sentence as plain text, its instants written in `zone` (UTC marked as such). */
export function sentenceText(parts: readonly SentencePart[], locale: Locale, zone: string): string {
  return parts
    .map((part) => (typeof part === "string" ? part : `${formatInstant(Date.parse(part.time), zone, locale)}${zone === "UTC" ? " UTC" : ""}`))
    .join("");
}
