import { withErrorBoundary } from "@/lib/http";
import { deactivatePolicy, policyContext, resolveActor, respond } from "@/lib/policies/lifecycle";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withErrorBoundary(async (request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const ctx = policyContext();
  const actor = await resolveActor(ctx.db, request);
  if (!actor.ok) return respond(actor);
  return respond(await deactivatePolicy(ctx, slug, actor.value));
});
