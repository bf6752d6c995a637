import { cookies } from "next/headers";
import { viewerZone } from "@/lib/connections/viewerZone";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";

/** The zone this request's times are rendered in: the one the viewer's browser last named in its cookie (UTC until it has). */
export async function requestZone(): Promise<string> {
  return viewerZone((await cookies()).get(ZONE_COOKIE)?.value);
}
