import { useTranslations } from "next-intl";
import { PageLoading } from "@/components/PageLoading";

export default function LoadingInsights() {
  const page = useTranslations("Pages");
  return <PageLoading title={page("insights")} what={page("insightsWhat")} />;
}
