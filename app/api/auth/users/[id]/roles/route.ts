import { z } from "zod";
import { guardRequest } from "@/lib/auth/guard";
import { changeRoleGrant } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Body = z.object({ roleId: z.string().min(1), spaceId: z.string().min(1).nullable().default(null), grant: z.boolean() });

/** Grants or revokes one role, everywhere (spaceId null) or in one space. */
export const POST = withErrorBoundary(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const guard = await guardRequest(prisma, request, "Administer");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const body = await readJsonBody(request, Body);
  if (!body.ok) return errorResponse(body.error, 400);
  const { id } = await params;
  const result = await changeRoleGrant(prisma, guard.principal!, id, body.value.roleId, body.value.spaceId, body.value.grant);
  return result.ok ? jsonResponse({ changed: result.changed }) : errorResponse({ code: result.code, message: result.message }, 404);
});
