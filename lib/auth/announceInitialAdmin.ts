import type { InitialAdminOutcome } from "./adminAccounts";

export interface AdminAnnouncer {
  /** Plain lines for the person reading the console or `docker logs`, whatever the log's format. */
  banner(lines: readonly string[]): void;
  /** A line of the server's log. */
  info(message: string): void;
}

/**
 * The first start's console message. A generated password is printed here once, framed so that it
 * stands out in a log, as plain text (a JSON log line would bury it); it is stored nowhere but as
 * its hash, and must be changed at first sign-in. The log line that goes with it leaves it out.
 */
export function announceInitialAdmin(outcome: InitialAdminOutcome, out: AdminAnnouncer): void {
  if (!outcome.created) return;
  if (outcome.generatedPassword === null) {
    out.info(`created the admin account ${outcome.email} from ADMIN_EMAIL/ADMIN_PASSWORD`);
    return;
  }
  const rule = "=".repeat(78);
  out.banner(
    [
      rule,
      "FIRST START: created the admin account of this viewer.",
      `  email:              ${outcome.email}`,
      `  one-time password:  ${outcome.generatedPassword}`,
      "Sign in at /sign-in with these; you will be asked to choose your own password.",
      "This password is shown only this once. (Set ADMIN_EMAIL/ADMIN_PASSWORD before the first start to choose them.)",
      rule,
    ].map((line) => `[parsec-viewer] ${line}`),
  );
  out.info(`created the admin account ${outcome.email} with a one-time password, printed once in the lines framed by "=" (never in a log line)`);
}
