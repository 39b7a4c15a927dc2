import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import { fail, ok, type Result } from "./errors";
import { flattenSteps, snapshotProcess } from "./process-snapshot";
import type { Actor } from "@/lib/identity/acting-user";
import { WRITE_TRANSACTION } from "./transaction-options";

export const createReleaseBody = z
  .object({
    projectId: z.string().min(1),
    version: z.string().trim().min(1).max(100),
    notes: z.string().max(10_000).optional(),
    /** Where a version-controlled process was read from. */
    gitRef: z.string().min(1).optional(),
    gitCommit: z.string().min(1).optional(),
    /**
     * Package versions: by package id (every reference to it) or by step slug and reference name.
     * References left out get the latest version that has build information.
     */
    packages: z
      .array(
        z.union([
          z.object({ packageId: z.string().min(1), version: z.string().min(1) }).strict(),
          z.object({ stepSlug: z.string().min(1), name: z.string().default(""), version: z.string().min(1) }).strict(),
        ]),
      )
      .default([]),
  })
  .strict();

export type CreateReleaseRequest = z.input<typeof createReleaseBody>;

export interface CreatedRelease {
  id: string;
  projectId: string;
  version: string;
  packages: { stepId: string; name: string; packageId: string; version: string; gitRef: string | null; gitCommit: string | null }[];
}

/** Creates a release: a copy of the live deployment process plus one chosen version per package reference. */
export async function createRelease(db: Db, request: CreateReleaseRequest, actor: Actor): Promise<Result<CreatedRelease>> {
  const parsed = createReleaseBody.safeParse(request);
  if (!parsed.success) return fail("invalid_request", "The release request is invalid", { issues: parsed.error.issues });
  const body = parsed.data;

  const project = await db.project.findUnique({ where: { id: body.projectId }, select: { id: true, name: true, spaceId: true, isDisabled: true } });
  if (!project) return fail("project_not_found", `There is no project ${body.projectId}`, { projectId: body.projectId });
  if (project.isDisabled) return fail("project_disabled", `${project.name} is disabled`, { projectId: project.id });
  const existing = await db.release.findUnique({ where: { projectId_version: { projectId: project.id, version: body.version } }, select: { id: true } });
  if (existing) return fail("release_exists", `${project.name} already has a release ${body.version}`, { releaseId: existing.id });

  const process = await db.process.findFirst({ where: { projectId: project.id, kind: "Deployment" }, select: { id: true, revision: true } });
  const snapshot = process ? await snapshotProcess(db, process.id) : [];
  const references = flattenSteps(snapshot).flatMap((step) => step.packages.map((p) => ({ stepId: step.id, stepSlug: step.slug, ...p })));

  for (const selection of body.packages) {
    const matches = "packageId" in selection
      ? references.some((r) => r.packageId === selection.packageId)
      : references.some((r) => r.stepSlug === selection.stepSlug && r.name === selection.name);
    if (!matches) {
      const what = "packageId" in selection ? `package ${selection.packageId}` : `package reference "${selection.name}" of step ${selection.stepSlug}`;
      return fail("unknown_package", `The deployment process of ${project.name} does not use the ${what}`, { selection });
    }
  }

  const packages: CreatedRelease["packages"] = [];
  for (const ref of references) {
    const chosen =
      body.packages.find((s) => "stepSlug" in s && s.stepSlug === ref.stepSlug && s.name === ref.name) ??
      body.packages.find((s) => "packageId" in s && s.packageId === ref.packageId);
    const build = chosen
      ? await db.buildInformation.findUnique({ where: { packageId_version: { packageId: ref.packageId, version: chosen.version } } })
      : await db.buildInformation.findFirst({ where: { packageId: ref.packageId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    const version = chosen?.version ?? build?.version;
    if (!version) {
      return fail("package_version_missing", `Choose a version of ${ref.packageId} for step ${ref.stepSlug}: no build information is known for it`, {
        stepId: ref.stepId,
        packageId: ref.packageId,
      });
    }
    packages.push({ stepId: ref.stepId, name: ref.name, packageId: ref.packageId, version, gitRef: build?.gitRef ?? null, gitCommit: build?.gitCommit ?? null });
  }

  const releaseId = await db.$transaction(async (tx) => {
    const id = await allocateId(tx, "Releases");
    await tx.release.create({
      data: {
        id, spaceId: project.spaceId, projectId: project.id, version: body.version, notes: body.notes ?? "",
        gitRef: body.gitRef ?? null, gitCommit: body.gitCommit ?? null,
        processSnapshot: JSON.stringify(snapshot), processRevision: process?.revision ?? 0, createdById: actor.id,
        packages: {
          create: packages.map((p) => ({
            stepId: p.stepId, name: p.name, packageId: p.packageId, version: p.version, gitRef: p.gitRef, gitCommit: p.gitCommit,
          })),
        },
      },
    });
    await recordAuditEvent(tx, {
      eventGroup: AuditEventGroups.releaseCreated, category: "Created",
      message: `Release ${body.version} of ${project.name} was created`,
      user: actor, spaceId: project.spaceId, projectId: project.id,
      details: { releaseId: id, version: body.version },
    });
    return id;
  }, WRITE_TRANSACTION);
  return ok({ id: releaseId, projectId: project.id, version: body.version, packages });
}
