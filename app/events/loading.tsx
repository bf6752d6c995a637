import { PageLoading } from "@/components/PageLoading";

export default function LoadingEvents() {
  return <PageLoading title="Events" what="events" />;
}
