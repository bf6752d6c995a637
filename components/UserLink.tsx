import Link from "next/link";
import { useTranslations } from "next-intl";
import { userHref } from "@/lib/explorerUrl/entityHref";

/**
 * A Parsec user by their email (or id, when Parsec gave no email), linking to their page:
 * timeline, totals and admin actions. Every user name in the app is one of these.
 */
export function UserLink({ userId, email }: { userId: number; email: string | null }) {
  const t = useTranslations("Links");
  return (
    <Link href={userHref(userId)} prefetch={false} title={t("userTitle", { id: userId })} className={email ? undefined : "muted"}>
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
