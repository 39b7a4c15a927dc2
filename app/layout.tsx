import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { AppNav } from "@/components/AppNav";
import { SpaceSwitcher } from "@/components/SpaceSwitcher";
import { currentSpace } from "@/lib/spaces/current";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Policy Hub", template: "%s · Policy Hub" },
  description: "Compliance policies in Rego for deployments and runbook runs",
};

// Every page reads the database at request time; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { spaces, current } = await currentSpace();
  return (
    <html lang="en">
      <body className="font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <div className="flex min-h-screen">
          <aside className="flex w-60 shrink-0 flex-col gap-6 bg-brand-900 px-4 py-5">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-white">
              <span aria-hidden className="inline-block h-7 w-7 rounded-full bg-brand-500 text-center leading-7">P</span>
              Policy Hub
            </Link>
            {spaces.length > 0 && <SpaceSwitcher spaces={spaces} current={current?.slug} />}
            <AppNav />
          </aside>
          <main id="main" className="min-w-0 flex-1 px-8 py-6">
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}
