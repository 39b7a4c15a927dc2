/**
 * Granting, revoking and listing time-bound exemptions from a policy (docs/exemptions.md). Each
 * change is written with its audit record in one transaction. The clock is a parameter: what is
 * active or expired is decided against the time the caller passes, never stored.
 */
import { z } from "zod";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db, DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import { intFromEnv } from "@/lib/env/int";
import type { Actor } from "@/lib/identity/acting-user";
import { fail, ok, type Result } from "@/lib/result";

const DAY_MS = 86_400_000;

/** The longest an exemption may last, in days: POLICY_HUB_MAX_EXEMPTION_DAYS, 90 unless set. */
export function maxExemptionDays(env: NodeJS.ProcessEnv = process.env): number {
  return intFromEnv(env.POLICY_HUB_MAX_EXEMPTION_DAYS, 90, 1);
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const NewExemptionSchema = z.object({
  policySlug: text(200),
  projectId: text(100),
  /** Absent or null: every environment of the project. */
  environmentId: text(100).nullish(),
  /** Absent or null: tenanted and untenanted executions alike. */
  tenantId: text(100).nullish(),
  owner: text(200),
  justification: text(2000),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type NewExemption = z.infer<typeof NewExemptionSchema>;

export type ExemptionStatus = "active" | "expired" | "revoked";

export interface ExemptionView {
  id: string;
  status: ExemptionStatus;
  policy: { id: string; slug: string | null; name: string };
  spaceId: string;
  project: { id: string; name: string };
  environment: { id: string; name: string } | null;
  tenant: { id: string; name: string } | null;
  owner: string;
  justification: string;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

type ExemptionError = "invalid_request" | "not_found";

/** The space an exemption request is about (the project's), for the route kit's space check. */
export async function spaceOfProject(db: DbOrTx, projectId: string): Promise<string | null> {
  return (await db.project.findUnique({ where: { id: projectId }, select: { spaceId: true } }))?.spaceId ?? null;
}

export async function spaceOfExemption(db: DbOrTx, id: string): Promise<string | null> {
  return (await db.policyExemption.findUnique({ where: { id }, select: { spaceId: true } }))?.spaceId ?? null;
}

/**
 * Grants an exemption. The expiry is required, in the future and at most maxExemptionDays away;
 * the environment and tenant, when given, must belong to the project's space.
 */
export async function createExemption(db: Db, actor: Actor, input: NewExemption, now: Date, maxDays = maxExemptionDays()): Promise<Result<ExemptionView, ExemptionError>> {
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) return fail("invalid_request", "The expiry must be in the future", 400);
  if (expiresAt.getTime() > now.getTime() + maxDays * DAY_MS) {
    return fail("invalid_request", `An exemption may last at most ${maxDays} days (POLICY_HUB_MAX_EXEMPTION_DAYS)`, 400);
  }
  const [policy, project] = await Promise.all([
    db.policy.findUnique({ where: { slug: input.policySlug }, select: { id: true, slug: true, name: true } }),
    db.project.findUnique({ where: { id: input.projectId }, select: { id: true, name: true, spaceId: true } }),
  ]);
  if (!policy) return fail("not_found", `There is no policy ${input.policySlug}`, 404);
  if (!project) return fail("not_found", `There is no project ${input.projectId}`, 404);
  const [environment, tenant] = await Promise.all([
    input.environmentId ? db.environment.findFirst({ where: { id: input.environmentId, spaceId: project.spaceId }, select: { id: true, name: true } }) : null,
    input.tenantId ? db.tenant.findFirst({ where: { id: input.tenantId, spaceId: project.spaceId }, select: { id: true, name: true } }) : null,
  ]);
  if (input.environmentId && !environment) return fail("invalid_request", `There is no environment ${input.environmentId} in the project's space`, 400);
  if (input.tenantId && !tenant) return fail("invalid_request", `There is no tenant ${input.tenantId} in the project's space`, 400);

  const id = await db.$transaction(async (tx) => {
    const id = await allocateId(tx, "PolicyExemptions");
    await tx.policyExemption.create({
      data: {
        id, policyId: policy.id, spaceId: project.spaceId, projectId: project.id, environmentId: environment?.id ?? null, tenantId: tenant?.id ?? null,
        owner: input.owner, justification: input.justification, expiresAt, createdAt: now, createdById: actor.id, createdBy: actor.username,
      },
    });
    const where = [environment?.name, tenant?.name].filter(Boolean).join(", ");
    await recordAuditEvent(tx, {
      eventGroup: AuditEventGroups.exemptionGranted,
      category: "ExemptionGranted",
      message: `${actor.username} exempted ${project.name}${where ? ` (${where})` : ""} from policy "${policy.name}" until ${expiresAt.toISOString()}: ${input.justification}`,
      occurredAt: now, user: actor, spaceId: project.spaceId, projectId: project.id, environmentId: environment?.id ?? null, tenantId: tenant?.id ?? null, policyId: policy.id,
      details: { exemptionId: id, policySlug: policy.slug, owner: input.owner, justification: input.justification, expiresAt: expiresAt.toISOString() },
    });
    return id;
  });
  return ok((await findExemption(db, id, now))!, 201);
}

/** Revokes an exemption at once; revoking one already revoked is not an error (nothing is recorded twice). */
export async function revokeExemption(db: Db, actor: Actor, id: string, now: Date): Promise<Result<ExemptionView, ExemptionError>> {
  const revoked = await db.$transaction(async (tx) => {
    const e = await tx.policyExemption.findUnique({ where: { id } });
    if (!e) return null;
    if (e.revokedAt) return e;
    const { count } = await tx.policyExemption.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.id, revokedBy: actor.username } });
    if (count === 0) return e;
    await recordAuditEvent(tx, {
      eventGroup: AuditEventGroups.exemptionRevoked,
      category: "ExemptionRevoked",
      message: `${actor.username} revoked exemption ${id} (owner ${e.owner})`,
      occurredAt: now, user: actor, spaceId: e.spaceId, projectId: e.projectId, environmentId: e.environmentId, tenantId: e.tenantId, policyId: e.policyId,
      details: { exemptionId: id, owner: e.owner, expiresAt: e.expiresAt.toISOString() },
    });
    return e;
  });
  if (!revoked) return fail("not_found", `There is no exemption ${id}`, 404);
  return ok((await findExemption(db, id, now))!);
}

export async function findExemption(db: DbOrTx, id: string, now: Date): Promise<ExemptionView | null> {
  const [view] = await describe(db, await db.policyExemption.findMany({ where: { id } }), now);
  return view ?? null;
}

/** Every exemption in the spaces given ("all" for every space), active first, each group newest first. */
export async function listExemptions(db: DbOrTx, spaces: "all" | string[], now: Date): Promise<ExemptionView[]> {
  const rows = await db.policyExemption.findMany({
    where: spaces === "all" ? {} : { spaceId: { in: spaces } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const views = await describe(db, rows, now);
  return [...views.filter((v) => v.status === "active"), ...views.filter((v) => v.status !== "active")];
}

type Row = Awaited<ReturnType<Db["policyExemption"]["findMany"]>>[number];

export function statusAt(row: Pick<Row, "revokedAt" | "expiresAt">, now: Date): ExemptionStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() > now.getTime() ? "active" : "expired";
}

/** Rows with the names of what they mention; a deleted policy or project is shown by its id. */
async function describe(db: DbOrTx, rows: Row[], now: Date): Promise<ExemptionView[]> {
  const ids = (key: "policyId" | "projectId" | "environmentId" | "tenantId") => [...new Set(rows.map((r) => r[key]).filter((v): v is string => !!v))];
  const [policies, projects, environments, tenants] = await Promise.all([
    db.policy.findMany({ where: { id: { in: ids("policyId") } }, select: { id: true, slug: true, name: true } }),
    db.project.findMany({ where: { id: { in: ids("projectId") } }, select: { id: true, name: true } }),
    db.environment.findMany({ where: { id: { in: ids("environmentId") } }, select: { id: true, name: true } }),
    db.tenant.findMany({ where: { id: { in: ids("tenantId") } }, select: { id: true, name: true } }),
  ]);
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const [policy, project, environment, tenant] = [byId(policies), byId(projects), byId(environments), byId(tenants)];
  const named = (map: Map<string, { id: string; name: string }>, id: string | null) => (id ? { id, name: map.get(id)?.name ?? id } : null);
  return rows.map((r) => ({
    id: r.id,
    status: statusAt(r, now),
    policy: { id: r.policyId, slug: policy.get(r.policyId)?.slug ?? null, name: policy.get(r.policyId)?.name ?? r.policyId },
    spaceId: r.spaceId,
    project: named(project, r.projectId)!,
    environment: named(environment, r.environmentId),
    tenant: named(tenant, r.tenantId),
    owner: r.owner,
    justification: r.justification,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokedBy: r.revokedBy,
  }));
}
