import Link from "next/link";
import { ViewerTimeZone } from "./ViewerTimeZone";

export function AppHeader({ demo }: { demo: boolean }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/" className="brand">
          Parsec audit log
        </Link>
        <nav aria-label="Main">
          <Link href="/">Overview</Link>
          <Link href="/events">Events</Link>
        </nav>
        <div className="app-header__right">
          <ViewerTimeZone />
        </div>
      </div>
      {demo && (
        <div className="demo-banner" role="status">
          <strong>Demo mode.</strong> No Parsec credentials are configured, so these events come from the built-in
          simulated Parsec API, not from your team. Set <code>PARSEC_API_KEY</code> and <code>PARSEC_TEAM_ID</code> to
          sync your own audit log.
        </div>
      )}
    </header>
  );
}
