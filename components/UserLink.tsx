import Link from "next/link";
import { userHref } from "@/lib/explorerUrl/entityHref";

/**
 * A Parsec user by their email (or id, when Parsec gave no email), linking to their page:
 * timeline, totals and admin actions. Every user name in the app is one of these.
 */
export function UserLink({ userId, email }: { userId: number; email: string | null }) {
  return (
    <Link href={userHref(userId)} prefetch={false} title={`User ${userId}: timeline and actions`} className={email ? undefined : "muted"}>
      {email ? <BreakableEmail email={email} /> : `user ${userId}`}
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
