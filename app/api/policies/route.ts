import { readJsonBody, readSearchParams, withErrorBoundary } from "@/lib/http";
import { createBranchPolicy, listBranchPolicies, policyContext, policyErrorResponse, resolveActor, respond } from "@/lib/policies/lifecycle";
import { branchQuerySchema, createPolicySchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withErrorBoundary(async (request: Request) => {
  const query = readSearchParams(request, branchQuerySchema);
  if (!query.ok) return policyErrorResponse(query.error);
  return respond(await listBranchPolicies(policyContext(), query.value.branch));
});

export const POST = withErrorBoundary(async (request: Request) => {
  const body = await readJsonBody(request, createPolicySchema);
  if (!body.ok) return policyErrorResponse(body.error);
  const ctx = policyContext();
  const actor = await resolveActor(ctx.db, request);
  if (!actor.ok) return respond(actor);
  return respond(await createBranchPolicy(ctx, body.value, actor.value), 201);
});
