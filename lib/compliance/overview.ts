/**
 * The compliance overview's aggregates: in-scope policy evaluations per UTC day by outcome, and the
 * policies with the most violations, over a chosen period. Both read PolicyEvaluationDay, the
 * per-day counts a trigger keeps as evaluations are written, so the cost follows the period's days
 * and policies, not the number of evaluations.
 */
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { POLICY_OUTCOMES, type PolicyOutcome } from "@/lib/db/enums";

export const PERIODS = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type Period = keyof typeof PERIODS;
export const periodParam = z.enum(["7d", "30d", "90d"]).catch("30d");

const DAY_MS = 86_400_000;
const TOP_POLICIES = 10;

export type OutcomeCounts = Record<PolicyOutcome, number>;
export interface DayCounts extends OutcomeCounts {
  day: string;
}

const zero = (): OutcomeCounts => ({ pass: 0, warn: 0, block: 0, error: 0, exempted: 0 });

/** The UTC days of the period, oldest first, ending today. */
export function periodDays(period: Period, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: PERIODS[period] }, (_, i) => new Date(today - (PERIODS[period] - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

export async function complianceOverview(db: DbOrTx, period: Period, now: Date = new Date()) {
  const days = periodDays(period, now);
  // Periods are whole UTC days, so the daily rolled-up counts answer exactly, in rows per day not per evaluation.
  const [perDay, perPolicy] = await Promise.all([
    db.$queryRawUnsafe<{ day: string; outcome: string; n: number | bigint }[]>(
      `SELECT day, outcome, SUM(count) AS n FROM PolicyEvaluationDay WHERE day >= ? GROUP BY day, outcome`,
      days[0],
    ),
    db.$queryRawUnsafe<{ policyId: string; evaluated: number | bigint; warned: number | bigint; blocked: number | bigint; errored: number | bigint }[]>(
      `SELECT policyId, SUM(count) AS evaluated, SUM(IIF(outcome = 'warn', count, 0)) AS warned, SUM(IIF(outcome = 'block', count, 0)) AS blocked,
              SUM(IIF(outcome = 'error', count, 0)) AS errored
       FROM PolicyEvaluationDay WHERE day >= ? GROUP BY policyId
       HAVING warned + blocked + errored > 0 ORDER BY warned + blocked + errored DESC, evaluated DESC LIMIT ?`,
      days[0],
      TOP_POLICIES,
    ),
  ]);
  const byDay = new Map(days.map((day) => [day, { day, ...zero() }]));
  const totals = zero();
  for (const row of perDay) {
    const outcome = row.outcome as PolicyOutcome;
    const entry = byDay.get(row.day);
    if (!entry || !POLICY_OUTCOMES.includes(outcome)) continue;
    entry[outcome] += Number(row.n);
    totals[outcome] += Number(row.n);
  }
  const policies = await db.policy.findMany({ where: { id: { in: perPolicy.map((p) => p.policyId) } }, select: { id: true, slug: true, name: true } });
  const policy = new Map(policies.map((p) => [p.id, p]));
  return {
    period,
    days: [...byDay.values()],
    totals,
    topPolicies: perPolicy.map((p) => ({
      id: p.policyId,
      name: policy.get(p.policyId)?.name ?? p.policyId,
      slug: policy.get(p.policyId)?.slug ?? null,
      evaluated: Number(p.evaluated),
      warned: Number(p.warned),
      blocked: Number(p.blocked),
      errored: Number(p.errored),
    })),
  };
}

export type ComplianceOverview = Awaited<ReturnType<typeof complianceOverview>>;
