import { useTranslations } from "next-intl";

/** What a page shows while its server work runs (a route's loading.tsx). */
export function PageLoading({ title, what }: { title: string; what: string }) {
  const t = useTranslations("PageLoading");
  return (
    <>
      <h1>{title}</h1>
      <p className="empty" role="status">
        {t("loading", { what })}
      </p>
    </>
  );
}
