import { withErrorBoundary } from "@/lib/http";
import { activateVersion, mapResult, policyContext, policyErrorResponse, resolveActor, respond } from "@/lib/policies/lifecycle";
import { versionParamSchema } from "@/lib/policies/lifecycle/schemas";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withErrorBoundary(async (request: Request, { params }: { params: Promise<{ slug: string; version: string }> }) => {
  const { slug, version } = await params;
  if (!versionParamSchema.safeParse(version).success) {
    return policyErrorResponse({ code: "invalid_request", message: `"${version}" is not a version: use one like 1.2.0` });
  }
  const ctx = policyContext();
  const actor = await resolveActor(ctx.db, request);
  if (!actor.ok) return respond(actor);
  return respond(mapResult(await activateVersion(ctx, slug, version, actor.value), (v) => ({ version: v })));
});
