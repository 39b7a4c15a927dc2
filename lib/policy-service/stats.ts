import type { DbOrTx } from "@/lib/db/client";
import type { PolicyOutcome } from "@/lib/db/enums";

export type OutcomeCounts = { passed: number; warned: number; blocked: number; errored: number };

const FIELD: Record<PolicyOutcome, keyof OutcomeCounts> = { pass: "passed", warn: "warned", block: "blocked", error: "errored" };
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export const noOutcomes = (): OutcomeCounts => ({ passed: 0, warned: 0, blocked: 0, errored: 0 });

/** In-scope evaluations of the last 7 days by outcome, per policy id (evaluations are only recorded in scope). */
export async function outcomesOfLastWeek(db: DbOrTx, policyIds: string[], now = new Date()): Promise<Map<string, OutcomeCounts>> {
  const groups = await db.policyEvaluation.groupBy({
    by: ["policyId", "outcome"],
    where: { policyId: { in: policyIds }, evaluatedAt: { gte: new Date(now.getTime() - WEEK_MS) } },
    _count: { _all: true },
  });
  const counts = new Map<string, OutcomeCounts>();
  for (const g of groups) {
    const field = FIELD[g.outcome as PolicyOutcome];
    if (!field) continue;
    let c = counts.get(g.policyId);
    if (!c) counts.set(g.policyId, (c = noOutcomes()));
    c[field] += g._count._all;
  }
  return counts;
}
