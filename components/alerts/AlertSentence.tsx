import type { SentencePart } from "@/lib/alerts/summary/alertSentence";
import { LocalTime } from "@/components/LocalTime";

/** An alert's sentence as worded for its reader, the instants it names in their zone. */
export function AlertSentence({ parts }: { parts: readonly SentencePart[] }) {
  return parts.map((part, index) => (typeof part === "string" ? part : <LocalTime key={index} iso={part.time} />));
}
