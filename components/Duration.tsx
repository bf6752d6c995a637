import { useLocale } from "next-intl";
import { formatSeconds } from "@/lib/i18n/dateTime";

/** A duration in seconds, written the reader's language's way (server and client components alike). */
export function Duration({ seconds }: { seconds: number }) {
  return <>{formatSeconds(seconds, useLocale())}</>;
}
