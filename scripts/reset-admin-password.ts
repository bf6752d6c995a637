// npm run reset-admin-password -- <email>: a new one-time password for that admin (made
// when missing), printed once, to be changed at the next sign-in; the admin's sessions end.
// For a lost first-start password. Needs access to the server's database file (DATABASE_URL).
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";
import { emailSchema, resetAdminPassword } from "@/lib/auth/adminAccounts";
import { runCli, usage, UsageError } from "./runCli";

runCli("reset-admin-password", async () => {
  const email = emailSchema.safeParse(process.argv[2] ?? "");
  if (!email.success || process.argv.length > 3) throw new UsageError(`give the admin's email. ${usage("reset-admin-password", "admin@localhost")}`);
  const db = await getDatabase(getConfig().databaseFile);
  const { password, created } = await resetAdminPassword(db, email.data);
  console.log(`${created ? "Created the admin" : "Reset the password of"} ${email.data}.`);
  console.log(`One-time password: ${password}`);
  console.log("Sign in with it at /sign-in; you will be asked to choose your own password. It is shown only this once.");
});
