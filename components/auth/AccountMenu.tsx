import Link from "next/link";
import { useTranslations } from "next-intl";
import { CsrfField } from "./CsrfField";

/** The signed-in admin in the header, with sign-out (a POST with the CSRF token, never a link). */
export function AccountMenu({ email, csrfToken, signOut }: { email: string; csrfToken: string; signOut: (data: FormData) => Promise<void> }) {
  const t = useTranslations("Header");
  return (
    <div className="account-menu">
      <Link href="/admin/import">{t("import")}</Link>
      <Link href="/admin/audit">{t("viewerAudit")}</Link>
      <Link href="/admin/password" className="muted" title={t("changePasswordTitle")}>
        {email}
      </Link>
      <form action={signOut}>
        <CsrfField token={csrfToken} />
        <button type="submit" className="link-button">
          {t("signOut")}
        </button>
      </form>
    </div>
  );
}
