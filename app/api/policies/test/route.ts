import { ok, route } from "@/lib/http";
import { inputOfTask, policyContext, testPolicy } from "@/lib/policy-service";
import { testSchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route({ permission: "PlatformHubView", body: testSchema }, async ({ body }) => {
  const { policy, source } = body;
  if (source.kind === "input") return ok(await testPolicy(policy, source.input));
  const rebuilt = await inputOfTask(policyContext().db, source.taskId);
  return rebuilt.ok ? ok(await testPolicy(policy, rebuilt.value)) : rebuilt;
});
