import { jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";
import { inputOfTask, policyContext, policyErrorResponse, respond, testPolicy } from "@/lib/policies/lifecycle";
import { testSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withErrorBoundary(async (request: Request) => {
  const body = await readJsonBody(request, testSchema);
  if (!body.ok) return policyErrorResponse(body.error);
  const { policy, source } = body.value;
  if (source.kind === "input") return jsonResponse(testPolicy(policy, source.input));
  const rebuilt = await inputOfTask(policyContext().db, source.taskId);
  return rebuilt.ok ? jsonResponse(testPolicy(policy, rebuilt.value)) : respond(rebuilt);
});
