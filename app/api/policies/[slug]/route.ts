import { readJsonBody, readSearchParams, withErrorBoundary } from "@/lib/http";
import { commitBranchPolicy, policyContext, policyErrorResponse, readBranchPolicy, resolveActor, respond } from "@/lib/policies/lifecycle";
import { branchQuerySchema, commitPolicySchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export const GET = withErrorBoundary(async (request: Request, { params }: Params) => {
  const { slug } = await params;
  const query = readSearchParams(request, branchQuerySchema);
  if (!query.ok) return policyErrorResponse(query.error);
  return respond(await readBranchPolicy(policyContext(), query.value.branch, slug));
});

export const PUT = withErrorBoundary(async (request: Request, { params }: Params) => {
  const { slug } = await params;
  const body = await readJsonBody(request, commitPolicySchema);
  if (!body.ok) return policyErrorResponse(body.error);
  const ctx = policyContext();
  const actor = await resolveActor(ctx.db, request);
  if (!actor.ok) return respond(actor);
  return respond(await commitBranchPolicy(ctx, slug, body.value, actor.value));
});
