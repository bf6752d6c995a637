"use client";

import { useTranslations } from "next-intl";
import { RouteError } from "@/components/RouteError";

export default function InsightsError({ error, retry }: { error: unknown; retry: () => void }) {
  const page = useTranslations("Pages");
  return <RouteError title={page("insights")} what={page("insightsWhat")} error={error} retry={retry} />;
}
