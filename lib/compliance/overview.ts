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
  // Periods are whole UTC days, so the daily rolled-up counts answer exactly, in rows per day not
  // per evaluation; grouped by Prisma, so both SQLite and PostgreSQL run it (over the primary key's day range).
  const [perDay, perPolicyOutcome] = await Promise.all([
    db.policyEvaluationDay.groupBy({ by: ["day", "outcome"], where: { day: { gte: days[0] } }, _sum: { count: true } }),
    db.policyEvaluationDay.groupBy({ by: ["policyId", "outcome"], where: { day: { gte: days[0] } }, _sum: { count: true } }),
  ]);
  const perPolicy = rankByViolations(perPolicyOutcome.map((g) => ({ policyId: g.policyId, outcome: g.outcome, n: g._sum.count ?? 0 })));
  const byDay = new Map(days.map((day) => [day, { day, ...zero() }]));
  const totals = zero();
  for (const row of perDay) {
    const outcome = row.outcome as PolicyOutcome;
    const entry = byDay.get(row.day);
    if (!entry || !POLICY_OUTCOMES.includes(outcome)) continue;
    entry[outcome] += row._sum.count ?? 0;
    totals[outcome] += row._sum.count ?? 0;
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
      evaluated: p.evaluated,
      warned: p.warned,
      blocked: p.blocked,
      errored: p.errored,
      exempted: p.exempted,
    })),
  };
}

interface PolicyTally {
  policyId: string;
  evaluated: number;
  warned: number;
  blocked: number;
  errored: number;
  exempted: number;
}

/**
 * The policies with violations in the period, most first, then the most evaluated; at most TOP_POLICIES.
 * An exempted evaluation is a violation an exemption covered, so it counts: a policy everyone is
 * exempted from is one to look at.
 */
function rankByViolations(counts: { policyId: string; outcome: string; n: number }[]): PolicyTally[] {
  const tallies = new Map<string, PolicyTally>();
  for (const { policyId, outcome, n } of counts) {
    let tally = tallies.get(policyId);
    if (!tally) tallies.set(policyId, (tally = { policyId, evaluated: 0, warned: 0, blocked: 0, errored: 0, exempted: 0 }));
    tally.evaluated += n;
    if (outcome === "warn") tally.warned += n;
    if (outcome === "block") tally.blocked += n;
    if (outcome === "error") tally.errored += n;
    if (outcome === "exempted") tally.exempted += n;
  }
  const violations = (t: PolicyTally) => t.warned + t.blocked + t.errored + t.exempted;
  return [...tallies.values()]
    .filter((t) => violations(t) > 0)
    .sort((a, b) => violations(b) - violations(a) || b.evaluated - a.evaluated || (a.policyId < b.policyId ? -1 : 1))
    .slice(0, TOP_POLICIES);
}

export type ComplianceOverview = Awaited<ReturnType<typeof complianceOverview>>;
