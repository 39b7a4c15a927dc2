import Link from "next/link";
import type { ReactNode } from "react";

/** The trail above a detail page's heading: a link back to its list, then where we are. */
export function Breadcrumb({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
      <Link href={href} className="hover:underline">
        {label}
      </Link>{" "}
      / {children}
    </nav>
  );
}
