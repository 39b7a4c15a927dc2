import { jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";
import { checkPolicyDocument, policyErrorResponse } from "@/lib/policies/lifecycle";
import { validateSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";

/** Diagnostics for unsaved text: touches neither the repository nor the database. */
export const POST = withErrorBoundary(async (request: Request) => {
  const body = await readJsonBody(request, validateSchema);
  if (!body.ok) return policyErrorResponse(body.error);
  return jsonResponse({ problems: checkPolicyDocument(body.value.policy).problems });
});
