import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { AuditTable } from "@/components/audit/AuditTable";
import { ChainStatus } from "@/components/audit/ChainStatus";
import { CursorPagination } from "@/components/audit/CursorPagination";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { verifyAuditChainSinceCheckpoint } from "@/lib/audit/chain";
import { decodeCursor } from "@/lib/audit/query/cursor";
import { auditFilterToSearchParams, isFiltered, parseAuditFilter } from "@/lib/audit/query/filters";
import { auditFilterOptions, auditNames } from "@/lib/audit/query/names";
import { queryAuditPage } from "@/lib/audit/query/page";
import { requirePagePermission } from "@/lib/auth/page-access";
import { hasPermission } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const exportClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";

export default async function AuditPage({ searchParams }: Props) {
  const principal = await requirePagePermission("AuditView");
  const mayExport = hasPermission(principal.grants, "AuditExport");
  const params = await searchParams;
  const filter = parseAuditFilter(params);
  // The filter form submits every field; drop the empty ones so the address is worth sharing.
  if (Object.values(params).some((v) => v === "" || (Array.isArray(v) && v.includes("")))) {
    const clean = auditFilterToSearchParams(filter);
    for (const key of ["cursor", "direction"] as const) if (typeof params[key] === "string" && params[key]) clean.set(key, params[key]);
    redirect(clean.size ? `/configuration/audit?${clean}` : "/configuration/audit");
  }
  const [page, options, chain] = await Promise.all([
    queryAuditPage(prisma, { filter, cursor: decodeCursor(params.cursor), direction: params.direction === "newer" ? "newer" : "older" }),
    auditFilterOptions(prisma),
    // From the stored checkpoint: re-hashing ten million records per view took minutes.
    verifyAuditChainSinceCheckpoint(prisma),
  ]);
  const names = await auditNames(prisma, page.rows);
  const query = auditFilterToSearchParams(filter);
  const exportHref = (format: "csv" | "jsonl") => `/api/audit/export?${new URLSearchParams([["format", format], ...query])}`;

  return (
    <>
      <PageHeader title="Audit" description="Who did what, and every compliance policy evaluation, newest first">
        {mayExport && <div className="flex gap-2">
          <a href={exportHref("csv")} className={exportClass} download>
            Export CSV
          </a>
          <a href={exportHref("jsonl")} className={exportClass} download>
            Export JSON lines
          </a>
        </div>}
      </PageHeader>
      <ChainStatus result={chain} />
      <AuditFilters filter={filter} options={options} />
      {page.rows.length === 0 ? (
        <EmptyState title={isFiltered(filter) ? "No audit records match these filters" : "No audit records yet"}>
          {isFiltered(filter)
            ? "Widen the date range or clear some filters."
            : "Records appear as people create releases, deploy, run runbooks, and as policies are evaluated."}
        </EmptyState>
      ) : (
        <>
          <AuditTable rows={page.rows} names={names} />
          <CursorPagination path="/configuration/audit" query={query} newer={page.newer} older={page.older} />
        </>
      )}
    </>
  );
}
