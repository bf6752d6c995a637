import type { InitialAdminOutcome } from "./adminAccounts";

/**
 * The first start's console message. A generated password is printed here once, framed so that it
 * stands out in a log; it is stored nowhere but as its hash, and must be changed at first sign-in.
 */
export function announceInitialAdmin(outcome: InitialAdminOutcome, print: (line: string) => void): void {
  if (!outcome.created) return;
  if (outcome.generatedPassword === null) {
    print(`[parsec-viewer] created the admin account ${outcome.email} from ADMIN_EMAIL/ADMIN_PASSWORD`);
    return;
  }
  const rule = "=".repeat(78);
  for (const line of [
    rule,
    "FIRST START: created the admin account of this viewer.",
    `  email:              ${outcome.email}`,
    `  one-time password:  ${outcome.generatedPassword}`,
    "Sign in at /sign-in with these; you will be asked to choose your own password.",
    "This password is shown only this once. (Set ADMIN_EMAIL/ADMIN_PASSWORD before the first start to choose them.)",
    rule,
  ]) {
    print(`[parsec-viewer] ${line}`);
  }
}
