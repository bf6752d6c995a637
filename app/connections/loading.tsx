import { PageLoading } from "@/components/PageLoading";

export default function LoadingConnections() {
  return <PageLoading title="Connections" what="connections" />;
}
