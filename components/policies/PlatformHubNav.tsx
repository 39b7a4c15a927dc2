"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/platform-hub/policies", label: "Policies" },
  { href: "/platform-hub/compliance", label: "Compliance" },
  { href: "/platform-hub/exemptions", label: "Exemptions" },
  { href: "/platform-hub/schema", label: "Schema" },
];

export function PlatformHubNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Platform Hub" className="mb-4 flex items-center gap-1 text-sm">
      <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Platform Hub</span>
      {LINKS.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-2.5 py-1 font-medium ${active ? "bg-brand-100 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
