import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import { AppHeader } from "@/components/AppHeader";
import "./globals.css";

export const metadata: Metadata = {
  title: "Parsec audit log",
  description: "Every connection and administrative action of your Parsec team, kept and searchable.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const config = getConfig();
  return (
    <html lang="en">
      <body>
        <AppHeader demo={config.demo} />
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
