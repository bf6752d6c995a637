import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MIN_PASSWORD_LENGTH } from "@/lib/config";
import { safeNextPath } from "@/lib/auth/requestContext";
import { PasswordChangeForm } from "@/components/auth/PasswordChangeForm";
import { requireAdmin } from "../../_auth/requireAdmin";
import { changePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const [t, page] = await Promise.all([getTranslations("Metadata"), getTranslations("Pages")]);
  return { title: t("pageTitle", { page: page("changePassword") }) };
}

export default async function PasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin({ passwordChangePage: true });
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : undefined);
  const [t, page] = await Promise.all([getTranslations("PasswordPage"), getTranslations("Pages")]);
  return (
    <div className="auth-page">
      <h1>{admin.mustChangePassword ? t("chooseTitle") : page("changePassword")}</h1>
      {admin.mustChangePassword && (
        <p className="notice notice--warn" role="status">
          {t("oneTimeNotice")}
        </p>
      )}
      {admin.method === "oidc" ? (
        <p>{t("oidcManaged")}</p>
      ) : (
        <PasswordChangeForm action={changePasswordAction} next={next} csrfToken={admin.csrfToken} minLength={MIN_PASSWORD_LENGTH} />
      )}
    </div>
  );
}
