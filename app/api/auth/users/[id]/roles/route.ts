import { z } from "zod";
import { changeRoleGrant } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Body = z.object({ roleId: z.string().min(1), spaceId: z.string().min(1).nullable().default(null), grant: z.boolean() });

/** Grants or revokes one role, everywhere (spaceId null) or in one space. */
export const POST = route({ permission: "Administer", body: Body }, async ({ params, body, actor }) =>
  changeRoleGrant(prisma, actor, params.id, body.roleId, body.spaceId, body.grant));
