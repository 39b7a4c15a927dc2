import { describeVerification, verifyAuditChain } from "@/lib/audit/chain";
import { guardRequest } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Walks the audit hash chain: 200 with ok true, or ok false and the first broken or missing record. */
export const GET = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "AuditView");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const result = await verifyAuditChain(prisma);
  return jsonResponse({ ...result, summary: describeVerification(result) });
});
