import { withErrorBoundary } from "@/lib/http";
import { policyContext, policyVersions, respond } from "@/lib/policies/lifecycle";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withErrorBoundary(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  return respond(await policyVersions(policyContext().db, slug));
});
