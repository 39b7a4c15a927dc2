import type { DbOrTx } from "@/lib/db/client";
import type { PolicyOutcome } from "@/lib/db/enums";

export type OutcomeCounts = { passed: number; warned: number; blocked: number; errored: number };

// Exempted runs are not among a policy's week of violations: they ran by someone's decision.
const FIELD: Partial<Record<PolicyOutcome, keyof OutcomeCounts>> = { pass: "passed", warn: "warned", block: "blocked", error: "errored" };
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export const noOutcomes = (): OutcomeCounts => ({ passed: 0, warned: 0, blocked: 0, errored: 0 });

/**
 * In-scope evaluations of the last 7 days by outcome, per policy id (evaluations are only recorded
 * in scope). Whole UTC days come from PolicyEvaluationDay; only the part of the first day inside
 * the window is counted row by row, over the (policyId, evaluatedAt) index.
 */
export async function outcomesOfLastWeek(db: DbOrTx, policyIds: string[], now = new Date()): Promise<Map<string, OutcomeCounts>> {
  const since = new Date(now.getTime() - WEEK_MS);
  const firstWholeDay = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate() + 1));
  const [partialDay, wholeDays] = await Promise.all([
    db.policyEvaluation.groupBy({
      by: ["policyId", "outcome"],
      where: { policyId: { in: policyIds }, evaluatedAt: { gte: since, lt: firstWholeDay } },
      _count: { _all: true },
    }),
    db.policyEvaluationDay.groupBy({
      by: ["policyId", "outcome"],
      where: { policyId: { in: policyIds }, day: { gte: firstWholeDay.toISOString().slice(0, 10) } },
      _sum: { count: true },
    }),
  ]);
  const counts = new Map<string, OutcomeCounts>();
  const add = (policyId: string, outcome: string, n: number) => {
    const field = FIELD[outcome as PolicyOutcome];
    if (!field) return;
    let c = counts.get(policyId);
    if (!c) counts.set(policyId, (c = noOutcomes()));
    c[field] += n;
  };
  for (const g of partialDay) add(g.policyId, g.outcome, g._count._all);
  for (const g of wholeDays) add(g.policyId, g.outcome, g._sum.count ?? 0);
  return counts;
}
