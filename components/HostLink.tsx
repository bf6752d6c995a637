import Link from "next/link";
import { useTranslations } from "next-intl";
import { hostHref } from "@/lib/explorerUrl/entityHref";

/** A host computer by name, linking to its page: who used it, when, and how often it failed. */
export function HostLink({ name }: { name: string }) {
  const t = useTranslations("Links");
  return (
    <Link href={hostHref(name)} prefetch={false} title={t("hostTitle", { name })}>
      {name}
    </Link>
  );
}
