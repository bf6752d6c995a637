import Link from "next/link";
import { CsrfField } from "./CsrfField";

/** The signed-in admin in the header, with sign-out (a POST with the CSRF token, never a link). */
export function AccountMenu({ email, csrfToken, signOut }: { email: string; csrfToken: string; signOut: (data: FormData) => Promise<void> }) {
  return (
    <div className="account-menu">
      <Link href="/admin/import">Import</Link>
      <Link href="/admin/audit">Viewer audit</Link>
      <Link href="/admin/password" className="muted" title="Change your password">
        {email}
      </Link>
      <form action={signOut}>
        <CsrfField token={csrfToken} />
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </div>
  );
}
