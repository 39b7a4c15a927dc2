import Link from "next/link";
import type { ChainVerification } from "@/lib/audit/chain";

/** The audit page's banner: how far the hash chain checks out, or where it breaks. */
export function ChainStatus({ result }: { result: ChainVerification }) {
  const upTo = result.lastRecordId ? <Link href={`/configuration/audit/${result.lastRecordId}`} className="font-mono underline">{result.lastRecordId}</Link> : null;
  if (result.ok) {
    return (
      <p role="status" data-testid="audit-chain" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {upTo ? <>Chain verified up to {upTo} ({result.verified.toLocaleString()} records)</> : "Chain verified: no records yet"}
      </p>
    );
  }
  return (
    <p role="alert" data-testid="audit-chain" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      The audit chain is broken: {result.broken.reason}. {upTo ? <>Records are verified up to {upTo}.</> : "No record before it verifies."}
    </p>
  );
}
