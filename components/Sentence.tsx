import type { SentencePart } from "@/lib/i18n/sentenceParts";
import { LocalTime } from "@/components/LocalTime";

/** A sentence worded for its reader (an alert's, an audit entry's), the instants it names in their zone. */
export function Sentence({ parts }: { parts: readonly SentencePart[] }) {
  return parts.map((part, index) => (typeof part === "string" ? part : <LocalTime key={index} iso={part.time} />));
}
