import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { ImportUploadForm } from "@/components/admin/ImportUploadForm";
import { requireAdmin } from "../../_auth/requireAdmin";

export async function generateMetadata(): Promise<Metadata> {
  const [t, header] = await Promise.all([getTranslations("Metadata"), getTranslations("Header")]);
  return { title: t("pageTitle", { page: header("import") }) };
}

/** The upload form of `npm run import`: same formats, same upsert and quarantine rules. */
export default async function ImportPage() {
  const admin = await requireAdmin();
  const maxBytes = getConfig().importMaxBytes;
  const [t, header] = await Promise.all([getTranslations("ImportPage"), getTranslations("Header")]);
  return (
    <div className="auth-page">
      <h1>{header("import")}</h1>
      <p>{t.rich("intro", { megabytes: maxBytes / 1024 / 1024, code: (chunks) => <code>{chunks}</code> })}</p>
      <ImportUploadForm csrfToken={admin.csrfToken} maxBytes={maxBytes} />
    </div>
  );
}
