import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { AppNav } from "@/components/AppNav";
import { PermissionsProvider } from "@/components/auth/Permissions";
import { UserMenu } from "@/components/auth/UserMenu";
import { SpaceSwitcher } from "@/components/SpaceSwitcher";
import { currentPrincipal, permissionsIn } from "@/lib/auth/page-access";
import { currentSpace } from "@/lib/spaces/current";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Policy Hub", template: "%s · Policy Hub" },
  description: "Compliance policies in Rego for deployments and runbook runs",
};

// Every page reads the database at request time; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  // Signed out, the only pages are sign-in and setup: no navigation to places that would refuse.
  if (!principal) {
    return (
      <html lang="en">
        <body className="font-sans">
          <main id="main" className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-16">
            {children}
          </main>
        </body>
      </html>
    );
  }
  const { spaces, current } = await currentSpace();
  const permissions = permissionsIn(principal, current?.id);
  return (
    <html lang="en">
      <body className="font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <PermissionsProvider permissions={permissions}>
          <div className="flex min-h-screen">
            <aside className="flex w-60 shrink-0 flex-col gap-6 bg-brand-900 px-4 py-5">
              <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-white">
                <span aria-hidden className="inline-block h-7 w-7 rounded-full bg-brand-500 text-center leading-7">P</span>
                Policy Hub
              </Link>
              {spaces.length > 0 && <SpaceSwitcher spaces={spaces} current={current?.slug} />}
              <AppNav />
              <UserMenu username={principal.username} displayName={principal.displayName} mayAdminister={permissions.includes("Administer")} />
            </aside>
            <main id="main" className="min-w-0 flex-1 px-8 py-6">
              {children}
            </main>
          </div>
        </PermissionsProvider>
      </body>
    </html>
  );
}
