/**
 * Names for what audit records mention. Records hold plain ids (they outlive what they mention),
 * so names are looked up per page, and the filter choices come from the small reference tables,
 * never from a scan of the log.
 */
import type { DbOrTx } from "@/lib/db/client";
import { personLabel, personName, personUsername } from "@/lib/ui/people";
import { AuditEventGroups } from "../event-groups";
import type { AuditRow } from "./page";

type Named = { id: string; name: string };

export async function auditNames(db: DbOrTx, rows: readonly AuditRow[]) {
  const idsOf = (key: "projectId" | "environmentId" | "tenantId" | "spaceId" | "policyId") =>
    [...new Set(rows.flatMap((r) => (r[key] ? [r[key]] : [])))];
  const select = { id: true, name: true } as const;
  const userIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const [projects, environments, tenants, spaces, policies, users] = await Promise.all([
    db.project.findMany({ where: { id: { in: idsOf("projectId") } }, select: { ...select, slug: true } }),
    db.environment.findMany({ where: { id: { in: idsOf("environmentId") } }, select }),
    db.tenant.findMany({ where: { id: { in: idsOf("tenantId") } }, select }),
    db.space.findMany({ where: { id: { in: idsOf("spaceId") } }, select }),
    db.policy.findMany({ where: { id: { in: idsOf("policyId") } }, select: { ...select, slug: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true, displayName: true } }),
  ]);
  const usersById = new Map(users.map((u) => [u.id, u]));
  const lookup = <T extends Named>(list: T[]) => {
    const byId = new Map(list.map((r) => [r.id, r]));
    return (id: string | null) => (id ? byId.get(id) ?? null : null);
  };
  return {
    project: lookup(projects), environment: lookup(environments), tenant: lookup(tenants), space: lookup(spaces), policy: lookup(policies),
    /** Who acted, named as everywhere else; a record whose user is gone keeps the username it was written with. */
    user: (row: Pick<AuditRow, "userId" | "username">) => {
      const user = (row.userId && usersById.get(row.userId)) || (row.username ? { username: row.username } : null);
      return user ? { name: personName(user), username: personUsername(user) } : null;
    },
  };
}

export type AuditNames = Awaited<ReturnType<typeof auditNames>>;

/** Every choice the filter form offers. Names carry their space when there is more than one. */
export async function auditFilterOptions(db: DbOrTx) {
  const [spaces, projects, environments, tenants, policies, users] = await Promise.all([
    db.space.findMany({ select: { id: true, name: true } }),
    db.project.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, spaceId: true } }),
    db.environment.findMany({ orderBy: [{ spaceId: "asc" }, { sortOrder: "asc" }], select: { id: true, name: true, spaceId: true } }),
    db.tenant.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, spaceId: true } }),
    db.policy.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ orderBy: { displayName: "asc" }, select: { id: true, username: true, displayName: true } }),
  ]);
  const spaceName = new Map(spaces.map((s) => [s.id, s.name]));
  const withSpace = (list: { id: string; name: string; spaceId: string }[]) =>
    list.map((r) => ({ id: r.id, name: spaces.length > 1 ? `${r.name} (${spaceName.get(r.spaceId)})` : r.name }));
  return {
    groups: [...new Set(Object.values(AuditEventGroups))].sort(),
    projects: withSpace(projects),
    environments: withSpace(environments),
    tenants: withSpace(tenants),
    policies,
    users: users.map((u) => ({ id: u.id, name: personLabel(u) })),
  };
}

export type AuditFilterOptions = Awaited<ReturnType<typeof auditFilterOptions>>;
