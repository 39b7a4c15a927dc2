import { jsonResponse, readSearchParams, withErrorBoundary } from "@/lib/http";
import { policyContext, policyErrorResponse, recentExecutions } from "@/lib/policies/lifecycle";
import { testInputsQuerySchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withErrorBoundary(async (request: Request) => {
  const query = readSearchParams(request, testInputsQuerySchema);
  if (!query.ok) return policyErrorResponse(query.error);
  return jsonResponse({ items: await recentExecutions(policyContext().db, query.value) });
});
