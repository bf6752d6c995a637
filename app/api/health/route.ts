import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/store/client";

/** For load balancers and uptime checks: the server is up and its database answers. */
export async function GET() {
  try {
    const db = await getDatabase(getConfig().databaseFile);
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "error", message: "The database does not answer." }, { status: 503 });
  }
}
