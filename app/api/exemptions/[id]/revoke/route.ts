import { prisma } from "@/lib/db/client";
import { revokeExemption, spaceOfExemption } from "@/lib/exemptions/service";
import { route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Ends an exemption now; revoking one already revoked answers it as it is. */
export const POST = route(
  { permission: "ExemptionGrant", space: ({ params }) => spaceOfExemption(prisma, params.id) },
  async ({ params, actor }) => revokeExemption(prisma, actor, params.id, new Date()),
);
