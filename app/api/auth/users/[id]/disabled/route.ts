import { z } from "zod";
import { guardRequest } from "@/lib/auth/guard";
import { setUserDisabled } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Body = z.object({ disabled: z.boolean() });

/** Disables a user (ending their sessions; their API keys stop working) or enables them again. */
export const POST = withErrorBoundary(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const guard = await guardRequest(prisma, request, "Administer");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const body = await readJsonBody(request, Body);
  if (!body.ok) return errorResponse(body.error, 400);
  const result = await setUserDisabled(prisma, guard.principal!, (await params).id, body.value.disabled);
  return result.ok ? jsonResponse({ disabled: body.value.disabled }) : errorResponse({ code: result.code, message: result.message }, result.code === "not_found" ? 404 : 400);
});
