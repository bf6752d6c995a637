import { PageLoading } from "@/components/PageLoading";

export default function LoadingInsights() {
  return <PageLoading title="Insights" what="charts" />;
}
