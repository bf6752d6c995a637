import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { safeNextPath } from "@/lib/auth/requestContext";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentAdmin } from "../_auth/requireAdmin";
import { signInAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("signIn") }) };
}

/** Public: the one page a visitor without a session sees (besides /api/health). */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  if (await currentAdmin()) redirect(next);
  const oidc = getConfig().auth.oidc;
  const [t, page] = await Promise.all([getTranslations("Auth"), getTranslations("Pages")]);
  // What the OIDC callback's redirect says went wrong (an unknown value shows nothing).
  const oidcErrors: Record<string, string> = {
    denied: t("oidcDenied"),
    unverified: t("oidcUnverified"),
    failed: t("oidcFailed"),
    expired: t("oidcExpired"),
  };
  const oidcError = typeof params.oidc === "string" && Object.hasOwn(oidcErrors, params.oidc) ? oidcErrors[params.oidc] : undefined;
  return (
    <div className="auth-page">
      <h1>{page("signIn")}</h1>
      {params["signed-out"] !== undefined && (
        <p className="notice notice--ok" role="status">
          {t("signedOut")}
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
          <p className="auth-divider">{t("or")}</p>
          <a className="button" href={`/sign-in/oidc?next=${encodeURIComponent(next)}`}>
            {t("signInWith", { provider: oidc.providerName })}
          </a>
        </>
      )}
    </div>
  );
}
