import { prisma } from "@/lib/db/client";
import { EXPORT_FORMATS, exportFormat, exportStream } from "@/lib/audit/export/export";
import { parseAuditFilter } from "@/lib/audit/query/filters";
import { fail, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/audit/export?format=csv|jsonl&<the audit page's filters>: the filtered records, streamed. */
export const GET = route({ permission: "AuditExport" }, async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const format = exportFormat.safeParse(params.get("format") ?? "csv");
  if (!format.success) return fail("invalid_format", 'format must be "csv" or "jsonl"', 400);
  const filter = parseAuditFilter(params);
  const { contentType, extension } = EXPORT_FORMATS[format.data];
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "");
  // Awaited before the answer: a first query that fails is the route kit's 500, not a cut-off 200.
  return new Response(await exportStream(prisma, filter, format.data), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="audit-${stamp}.${extension}"`,
    },
  });
});
