import Link from "next/link";
import { useTranslations } from "next-intl";
import { HeaderMenu } from "./HeaderMenu";
import { LocaleSwitch } from "./LocaleSwitch";
import { ViewerTimeZone } from "./ViewerTimeZone";
import { AccountMenu } from "./auth/AccountMenu";

export interface HeaderAccount {
  email: string;
  csrfToken: string;
  signOut: (data: FormData) => Promise<void>;
}

/** `account` null: nobody is signed in (the sign-in page), so no navigation is offered, and no menu is needed for the rest. */
export function AppHeader({ demo, account, setLocale }: { demo: boolean; account: HeaderAccount | null; setLocale: (data: FormData) => Promise<void> }) {
  const t = useTranslations("Header");
  const page = useTranslations("Pages");
  const app = useTranslations("Metadata");
  const settings = (
    <>
      <ViewerTimeZone />
      <LocaleSwitch action={setLocale} />
    </>
  );
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/" className="brand">
          {app("appName")}
        </Link>
        {account ? (
          <HeaderMenu label={t("menu")}>
            <nav aria-label={t("mainNavigation")}>
              <Link href="/">{page("overview")}</Link>
              <Link href="/events">{page("events")}</Link>
              <Link href="/connections">{page("connections")}</Link>
              <Link href="/insights">{page("insights")}</Link>
              <Link href="/integrations">{page("integrations")}</Link>
              <Link href="/alerts">{page("alerts")}</Link>
            </nav>
            <div className="app-header__right">
              {settings}
              <AccountMenu email={account.email} csrfToken={account.csrfToken} signOut={account.signOut} />
            </div>
          </HeaderMenu>
        ) : (
          <div className="app-header__right">{settings}</div>
        )}
      </div>
      {demo && (
        <div className="demo-banner" role="status">
          {t.rich("demo", { strong: (chunks) => <strong>{chunks}</strong>, code: (chunks) => <code>{chunks}</code> })}
        </div>
      )}
    </header>
  );
}
