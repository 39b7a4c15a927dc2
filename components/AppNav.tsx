"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCan } from "@/components/auth/Permissions";

const SECTIONS = [
  { href: "/projects", label: "Projects", permission: "ProjectView" },
  { href: "/tasks", label: "Tasks", permission: "ProjectView" },
  { href: "/platform-hub/policies", label: "Platform Hub", detail: "Policies", permission: "PlatformHubView" },
  { href: "/configuration/audit", label: "Configuration", detail: "Audit", permission: "AuditView" },
] as const;

export function AppNav() {
  const pathname = usePathname();
  const can = useCan();
  // A section stays highlighted on its sub-pages: /tasks/ServerTasks-3 is under Tasks.
  const isActive = (href: string) => {
    const section = `/${href.split("/")[1]}`;
    return pathname === section || pathname.startsWith(`${section}/`);
  };
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {SECTIONS.filter((item) => can(item.permission)).map((item) => {
        const active = isActive(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium transition-colors ${
              active ? "bg-brand-500 text-white" : "text-slate-200 hover:bg-brand-700 hover:text-white"
            }`}
          >
            {item.label}
            {"detail" in item && <span className="block text-xs font-normal opacity-80">{item.detail}</span>}
          </Link>
        );
      })}
    </nav>
  );
}
