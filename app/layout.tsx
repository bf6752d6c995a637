import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { isPublicPath } from "@/lib/auth/publicPaths";
import { requestZone } from "@/app/_timeline/requestZone";
import { AppHeader } from "@/components/AppHeader";
import { ActionRefusedNotice } from "@/components/auth/ActionRefusedNotice";
import { REFUSED_PARAM } from "@/lib/auth/actionRefusal";
import { actionRefusedTexts } from "./_auth/authProblemText";
import { RenderedZoneProvider } from "@/components/RenderedZoneProvider";
import { CATALOGUES } from "@/i18n/catalogues";
import { clientMessages } from "@/i18n/clientMessages";
import { currentAdminForRender, requestedPathRaw } from "./_auth/requireAdmin";
import { signOutAction } from "./_auth/signOutAction";
import { setLocaleAction } from "./_actions/setLocaleAction";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Metadata");
  return { title: t("appName"), description: t("description") };
}

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
  const zone = await requestZone();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* The browser gets only the namespaces its client components read; server components translate on the server. */}
        <NextIntlClientProvider locale={locale} timeZone={zone} messages={clientMessages(CATALOGUES[locale])}>
          <RenderedZoneProvider zone={zone}>
            <AppHeader
              demo={config.demo}
              setLocale={setLocaleAction}
              account={admin ? { email: admin.email, csrfToken: admin.csrfToken, signOut: signOutAction } : null}
            />
            <main className="page">
              <Suspense fallback={null}>
                <ActionRefusedNotice param={REFUSED_PARAM} texts={await actionRefusedTexts()} />
              </Suspense>
              {children}
            </main>
          </RenderedZoneProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
