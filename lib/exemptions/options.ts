/** What the create-exemption form offers: policies, and the projects, environments and tenants of the given spaces. */
import type { DbOrTx } from "@/lib/db/client";

export interface ExemptionOptions {
  policies: { slug: string; name: string }[];
  projects: { id: string; name: string; spaceId: string }[];
  environments: { id: string; name: string; spaceId: string }[];
  tenants: { id: string; name: string; spaceId: string }[];
}

export async function exemptionOptions(db: DbOrTx, spaces: "all" | string[]): Promise<ExemptionOptions> {
  const inSpaces = spaces === "all" ? {} : { spaceId: { in: spaces } };
  const named = { id: true, name: true, spaceId: true } as const;
  const [policies, projects, environments, tenants] = await Promise.all([
    db.policy.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.project.findMany({ where: inSpaces, orderBy: { name: "asc" }, select: named }),
    db.environment.findMany({ where: inSpaces, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: named }),
    db.tenant.findMany({ where: inSpaces, orderBy: { name: "asc" }, select: named }),
  ]);
  return { policies, projects, environments, tenants };
}
