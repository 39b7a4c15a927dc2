import { readJsonBody, withErrorBoundary } from "@/lib/http";
import { createBranch, listBranches, policyContext, policyErrorResponse, respond } from "@/lib/policies/lifecycle";
import { createBranchSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withErrorBoundary(async () => respond(await listBranches(policyContext())));

export const POST = withErrorBoundary(async (request: Request) => {
  const body = await readJsonBody(request, createBranchSchema);
  if (!body.ok) return policyErrorResponse(body.error);
  return respond(await createBranch(policyContext(), body.value.name, body.value.from), 201);
});
