import Link from "next/link";
import { useTranslations } from "next-intl";
import { userHref, type TimelineWindowParams } from "@/lib/explorerUrl/entityHref";

/**
 * A Parsec user by their email (or id, when Parsec gave no email), linking to their page:
 * timeline, totals and admin actions. Every user name in the app is one of these. `window`: the
 * timeline's day, week or month, where the link comes from a time range (lib/explorerUrl/timelineLinks).
 */
export function UserLink({ userId, email, window }: { userId: number; email: string | null; window?: TimelineWindowParams }) {
  const t = useTranslations("Links");
  return (
    <Link href={userHref(userId, window)} prefetch={false} title={t("userTitle", { id: userId })} className={email ? undefined : "muted"}>
      {email ? <BreakableEmail email={email} /> : t("userById", { id: userId })}
    </Link>
  );
}

/** An email that may wrap before its "@" rather than widen a table. */
function BreakableEmail({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return email;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}
