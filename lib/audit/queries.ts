import { z } from "zod";
import { prisma } from "../db/client";
import { pageParam, pageWindow, toPage } from "../paging";

export const auditListParams = z.object({
  page: pageParam,
  group: z.string().min(1).max(200).optional().catch(undefined),
});
export type AuditListParams = z.infer<typeof auditListParams>;

/** Audit events across all spaces, newest first, with the names of what they mention. */
export async function listAuditEvents(params: AuditListParams) {
  const where = params.group ? { eventGroup: params.group } : {};
  const [events, total] = await Promise.all([
    prisma.auditEvent.findMany({ where, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], ...pageWindow(params.page) }),
    prisma.auditEvent.count({ where }),
  ]);
  // Audit rows hold plain ids (they outlive what they mention), so names are looked up per page.
  const idsOf = (key: "projectId" | "environmentId" | "tenantId" | "spaceId") =>
    [...new Set(events.flatMap((e) => (e[key] ? [e[key]] : [])))];
  const [projects, environments, tenants, spaces] = await Promise.all([
    prisma.project.findMany({ where: { id: { in: idsOf("projectId") } }, select: { id: true, name: true, slug: true } }),
    prisma.environment.findMany({ where: { id: { in: idsOf("environmentId") } }, select: { id: true, name: true } }),
    prisma.tenant.findMany({ where: { id: { in: idsOf("tenantId") } }, select: { id: true, name: true } }),
    prisma.space.findMany({ where: { id: { in: idsOf("spaceId") } }, select: { id: true, name: true } }),
  ]);
  const lookup = <T extends { id: string }>(rows: T[]) => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return (id: string | null) => (id ? byId.get(id) ?? null : null);
  };
  const [project, environment, tenant, space] = [lookup(projects), lookup(environments), lookup(tenants), lookup(spaces)];
  const items = events.map((e) => ({
    ...e,
    project: project(e.projectId),
    environment: environment(e.environmentId),
    tenant: tenant(e.tenantId),
    space: space(e.spaceId),
  }));
  return toPage(items, total, params.page);
}

export type AuditListItem = Awaited<ReturnType<typeof listAuditEvents>>["items"][number];

/** The event groups present, for the filter. */
export async function listAuditEventGroups(): Promise<string[]> {
  const groups = await prisma.auditEvent.groupBy({ by: ["eventGroup"], orderBy: { eventGroup: "asc" } });
  return groups.map((g) => g.eventGroup);
}
