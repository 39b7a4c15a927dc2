import { prisma } from "@/lib/db/client";
import { ndjsonResponse, route } from "@/lib/http";
import { AuditStreamQuery, auditStream } from "@/lib/notifications/audit-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/audit/stream?after=<cursor>&limit=<n>: audit records after the cursor in chain order
 * as JSON lines (docs/notifications.md); resume with the last line's `cursor`.
 */
export const GET = route({ permission: "AuditView", query: AuditStreamQuery }, ({ query }) => ndjsonResponse(auditStream(prisma, query)));
