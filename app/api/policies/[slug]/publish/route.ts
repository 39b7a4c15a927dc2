import { readJsonBody, withErrorBoundary } from "@/lib/http";
import { mapResult, policyContext, policyErrorResponse, publishPolicy, resolveActor, respond } from "@/lib/policies/lifecycle";
import { publishSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withErrorBoundary(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const body = await readJsonBody(request, publishSchema);
  if (!body.ok) return policyErrorResponse(body.error);
  const ctx = policyContext();
  const actor = await resolveActor(ctx.db, request);
  if (!actor.ok) return respond(actor);
  const published = await publishPolicy(ctx, { slug, ...body.value }, actor.value);
  return respond(mapResult(published, (version) => ({ version })), 201);
});
