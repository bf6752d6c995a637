import type { Metadata } from "next";
import { MIN_PASSWORD_LENGTH } from "@/lib/config";
import { safeNextPath } from "@/lib/auth/requestContext";
import { PasswordChangeForm } from "@/components/auth/PasswordChangeForm";
import { requireAdmin } from "../../_auth/requireAdmin";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password · Parsec audit log" };

export default async function PasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin({ passwordChangePage: true });
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  return (
    <div className="auth-page">
      <h1>{admin.mustChangePassword ? "Choose your password" : "Change password"}</h1>
      {admin.mustChangePassword && (
        <p className="notice notice--warn" role="status">
          You signed in with the one-time password printed when the server first started. Choose your own password to continue.
        </p>
      )}
      {admin.method === "oidc" ? (
        <p>You signed in with single sign-on: your password is managed by your identity provider.</p>
      ) : (
        <PasswordChangeForm action={changePasswordAction} next={next} csrfToken={admin.csrfToken} minLength={MIN_PASSWORD_LENGTH} />
      )}
    </div>
  );
}
