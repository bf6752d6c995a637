import Link from "next/link";
import { useTranslations } from "next-intl";
import { Menu } from "../events/Menu";
import { CsrfField } from "./CsrfField";

/**
 * The signed-in admin in the header: their email opens the admin's own pages and sign-out (a POST
 * with the CSRF token, never a link). Behind the email rather than beside it, so that the header
 * keeps to one line on a desktop in either language whatever the email's length.
 */
export function AccountMenu({ email, csrfToken, signOut }: { email: string; csrfToken: string; signOut: (data: FormData) => Promise<void> }) {
  const t = useTranslations("Header");
  return (
    <Menu className="account-menu menu--end" summary={<span className="account-menu__email">{email}</span>}>
      <ul className="menu__panel account-menu__panel plain-list" aria-label={t("account")}>
        <li>
          <Link href="/admin/import">{t("import")}</Link>
        </li>
        <li>
          <Link href="/admin/audit">{t("viewerAudit")}</Link>
        </li>
        <li>
          <Link href="/admin/password">{t("changePassword")}</Link>
        </li>
        <li>
          <form action={signOut}>
            <CsrfField token={csrfToken} />
            <button type="submit" className="link-button">
              {t("signOut")}
            </button>
          </form>
        </li>
      </ul>
    </Menu>
  );
}
