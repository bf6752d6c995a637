import Link from "next/link";
import { ViewerTimeZone } from "./ViewerTimeZone";
import { AccountMenu } from "./auth/AccountMenu";

export interface HeaderAccount {
  email: string;
  csrfToken: string;
  signOut: (data: FormData) => Promise<void>;
}

/** `account` null: nobody is signed in (the sign-in page), so no navigation is offered. */
export function AppHeader({ demo, account }: { demo: boolean; account: HeaderAccount | null }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/" className="brand">
          Parsec audit log
        </Link>
        {account && (
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
            <Link href="/events">Events</Link>
            <Link href="/connections">Connections</Link>
            <Link href="/insights">Insights</Link>
            <Link href="/alerts">Alerts</Link>
          </nav>
        )}
        <div className="app-header__right">
          <ViewerTimeZone />
          {account && <AccountMenu email={account.email} csrfToken={account.csrfToken} signOut={account.signOut} />}
        </div>
      </div>
      {demo && (
        <div className="demo-banner" role="status">
          <strong>Demo mode.</strong> No Parsec credentials are configured, so these events come from the built-in simulated Parsec API, not from your team. Set{" "}
          <code>PARSEC_API_KEY</code> and <code>PARSEC_TEAM_ID</code> to sync your own audit log.
        </div>
      )}
    </header>
  );
}
