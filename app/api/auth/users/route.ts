import { z } from "zod";
import { guardRequest } from "@/lib/auth/guard";
import { createUser, listUsers, NewUserSchema } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "Administer");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  return jsonResponse({ items: await listUsers(prisma) });
});

const Body = NewUserSchema.extend({ roleIds: z.array(z.string()).default([]) });

export const POST = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "Administer");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const body = await readJsonBody(request, Body);
  if (!body.ok) return errorResponse(body.error, 400);
  const { roleIds, ...user } = body.value;
  const created = await createUser(prisma, guard.principal!, user, roleIds);
  return created.ok ? jsonResponse({ id: created.id }, 201) : errorResponse({ code: created.code, message: created.message }, created.code === "conflict" ? 409 : 400);
});
