import { spacesWith } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { createExemption, listExemptions, NewExemptionSchema, spaceOfProject } from "@/lib/exemptions/service";
import { ok, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every exemption, active first, then expired and revoked ones (docs/exemptions.md). */
export const GET = route({ permission: "PlatformHubView" }, async ({ actor }) => {
  const spaces = spacesWith(actor.grants, "ProjectView");
  return ok({ items: await listExemptions(prisma, spaces, new Date()) });
});

/** Grants an exemption of a project from one policy; the permission is checked in the project's space. */
export const POST = route(
  { permission: "ExemptionGrant", body: NewExemptionSchema, space: ({ body }) => spaceOfProject(prisma, body.projectId) },
  async ({ body, actor }) => createExemption(prisma, actor, body, new Date()),
);
