import { ndjsonResponse, ok, route } from "@/lib/http";
import { policyContext } from "@/lib/policy-service";
import { evaluationFilterOptions, evaluationRequestSchema, prepareEvaluation, runEvaluation } from "@/lib/policy-service/evaluations";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** What the Evaluations tab's filters can choose from. */
export const GET = route({ permission: "PlatformHubView" }, async () => ok(await evaluationFilterOptions(policyContext().db)));

/** Evaluates the draft or a published version over past executions, streamed as NDJSON (docs/policies-api.md). Nothing is stored. */
export const POST = route({ permission: "PlatformHubView", body: evaluationRequestSchema }, async ({ params, body }) => {
  const { db } = policyContext();
  const prepared = await prepareEvaluation(db, params.slug, body);
  return prepared.ok ? ndjsonResponse(runEvaluation(db, prepared.value)) : prepared;
});
