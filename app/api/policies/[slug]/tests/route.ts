import { fail, ok, route } from "@/lib/http";
import { runDraftTests } from "@/lib/policy-service";
import { validateSchema } from "@/lib/policy-service/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Runs the tests block of the editor's unsaved policy (docs/policies-api.md): on the evaluation
 * pool, with the gate's settings, exactly as publishing runs them. Nothing is stored.
 */
export const POST = route({ permission: "PlatformHubView", body: validateSchema }, async ({ params, body }) => {
  if (body.policy.slug !== params.slug) return fail("invalid_request", `The policy in the body is "${body.policy.slug}", not "${params.slug}" of the address`);
  return ok(await runDraftTests(body.policy));
});
