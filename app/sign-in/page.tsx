import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { safeNextPath } from "@/lib/auth/requestContext";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentAdmin } from "../_auth/requireAdmin";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in · Parsec audit log" };

const OIDC_ERRORS: Record<string, string> = {
  denied: "That account may not sign in here: ask an admin to add its email or domain to the allow-list.",
  unverified: "Your identity provider does not confirm that this email address is verified: verify it there, then try again.",
  failed: "Single sign-on did not complete. Try again.",
  expired: "The single sign-on attempt took too long or was started in another tab. Try again.",
};

/** Public: the one page a visitor without a session sees (besides /api/health). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  if (await currentAdmin()) redirect(next);
  const oidc = getConfig().auth.oidc;
  const oidcError = typeof params.oidc === "string" ? OIDC_ERRORS[params.oidc] : undefined;
  return (
    <div className="auth-page">
      <h1>Sign in</h1>
      {params["signed-out"] !== undefined && (
        <p className="notice notice--ok" role="status">
          You are signed out.
        </p>
      )}
      {oidcError && (
        <p className="notice notice--error" role="alert">
          {oidcError}
        </p>
      )}
      <SignInForm action={signInAction} next={next} />
      {oidc && (
        <>
          <p className="auth-divider">or</p>
          <a className="button" href={`/sign-in/oidc?next=${encodeURIComponent(next)}`}>
            Sign in with {oidc.providerName}
          </a>
        </>
      )}
    </div>
  );
}
