import { prisma } from "@/lib/db/client";
import { decodeCursor } from "@/lib/audit/query/cursor";
import { parseAuditFilter } from "@/lib/audit/query/filters";
import { parseDetails, queryAuditPage } from "@/lib/audit/query/page";
import { ok, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit?<filters>&cursor=&direction=older|newer: one page of the audit log as JSON,
 * `{items, older, newer}` with cursors for the neighbouring pages.
 */
export const GET = route({ permission: "AuditView" }, async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const page = await queryAuditPage(prisma, {
    filter: parseAuditFilter(params),
    cursor: decodeCursor(params.get("cursor")),
    direction: params.get("direction") === "newer" ? "newer" : "older",
  });
  return ok({
    items: page.rows.map((row) => ({ ...row, details: parseDetails(row.details) })),
    older: page.older ?? null,
    newer: page.newer ?? null,
  });
});
