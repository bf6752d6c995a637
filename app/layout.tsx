import type { Metadata } from "next";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { isPublicPath } from "@/lib/auth/publicPaths";
import { AppHeader } from "@/components/AppHeader";
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
  return (
    <html lang="en">
      <body>
        <AppHeader demo={config.demo} account={admin ? { email: admin.email, csrfToken: admin.csrfToken, signOut: signOutAction } : null} />
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
