import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TimeZoneProvider } from "@/components/layout/time-zone";
import { viewerTheme, viewerTimeZone } from "@/lib/dashboard/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "LLM Gateway", template: "%s · LLM Gateway" },
  description: "A self-hosted, OpenAI-compatible LLM API gateway",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [theme, zone] = await Promise.all([viewerTheme(), viewerTimeZone()]);
  return (
    <html lang="en" className={theme === "system" ? undefined : theme}>
      <body className="min-h-screen font-sans">
        <TimeZoneProvider zone={zone}>{children}</TimeZoneProvider>
      </body>
    </html>
  );
}
