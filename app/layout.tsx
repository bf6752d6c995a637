import type { Metadata } from "next";
import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { isPublicPath } from "@/lib/auth/publicPaths";
import { viewerZone } from "@/lib/connections/viewerZone";
import { ZONE_COOKIE } from "@/lib/explorerUrl/zoneCookie";
import { AppHeader } from "@/components/AppHeader";
import { RenderedZoneProvider } from "@/components/RenderedZoneProvider";
import { currentAdminForRender, requestedPathRaw } from "./_auth/requireAdmin";
import { signOutAction } from "./_auth/signOutAction";
import "./globals.css";

export const metadata: Metadata = {
  title: "Parsec audit log",
  description: "Every connection and administrative action of your Parsec team, kept and searchable.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  const admin = await currentAdminForRender();
  // Defence in depth for every page under this layout, new ones included. It is not the boundary:
  // a layout is not re-run on client-side navigation, so each page calls requireAdmin() as well.
  const path = await requestedPathRaw();
  if (!admin && path !== null && !isPublicPath(new URL(path, "http://localhost").pathname)) {
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  // Times are rendered in the zone the viewer's browser last named, and the browser hydrates with it.
  const zone = viewerZone((await cookies()).get(ZONE_COOKIE)?.value);
  return (
    <html lang="en">
      <body>
        <RenderedZoneProvider zone={zone}>
          <AppHeader demo={config.demo} account={admin ? { email: admin.email, csrfToken: admin.csrfToken, signOut: signOutAction } : null} />
          <main className="page">{children}</main>
        </RenderedZoneProvider>
      </body>
    </html>
  );
}
