import { describeVerification, verifyAuditChain } from "@/lib/audit/chain";
import { prisma } from "@/lib/db/client";
import { ok, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Walks the audit hash chain: 200 with ok true, or ok false and the first broken or missing record. */
export const GET = route({ permission: "AuditView" }, async () => {
  const result = await verifyAuditChain(prisma);
  return ok({ ...result, summary: describeVerification(result) });
});
