import Link from "next/link";
import { useTranslations } from "next-intl";
import { hostHref, type TimelineWindowParams } from "@/lib/explorerUrl/entityHref";

/** A host computer by name, linking to its page: who used it, when, and how often it failed (on `window`, as UserLink). */
export function HostLink({ name, window }: { name: string; window?: TimelineWindowParams }) {
  const t = useTranslations("Links");
  return (
    <Link href={hostHref(name, window)} prefetch={false} title={t("hostTitle", { name })}>
      {name}
    </Link>
  );
}
