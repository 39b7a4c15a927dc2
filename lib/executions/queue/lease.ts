import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/db/client";
import { intFromEnv } from "@/lib/env/int";

/**
 * Who runs a task, and for how long the claim holds without news from it. Every instance on the
 * database claims with its own id; its heartbeat pushes the lease of its running tasks forward, so
 * a task whose lease has passed belongs to an instance that died and another instance may fail it.
 */
export interface Claimer {
  instanceId: string;
  leaseMs: number;
}

/** The longest a dead instance's task stays Executing (the lease) unless POLICY_HUB_LEASE_MS says less. */
export const DEFAULT_LEASE_MS = 30_000;

/** POLICY_HUB_INSTANCE_ID names this process in claims and logs; by default host, pid and a random part. */
export function claimerFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Claimer {
  return {
    instanceId: env.POLICY_HUB_INSTANCE_ID || `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: intFromEnv(env.POLICY_HUB_LEASE_MS, DEFAULT_LEASE_MS, 100),
  };
}

/** The process's own claimer, made once so every claim and heartbeat of the process agree. */
let processClaimer: Claimer | undefined;
export function defaultClaimer(): Claimer {
  return (processClaimer ??= claimerFromEnv());
}

export const leaseUntil = (claimer: Claimer, from = Date.now()) => new Date(from + claimer.leaseMs);

/** The heartbeat runs this often: a lease survives two missed beats. */
export const heartbeatIntervalMs = (claimer: Claimer) => Math.max(20, Math.floor(claimer.leaseMs / 3));

/** Pushes the lease of every task this instance is running forward. */
export async function renewLeases(db: DbOrTx, claimer: Claimer): Promise<number> {
  const renewed = await db.serverTask.updateMany({
    where: { claimedBy: claimer.instanceId, state: "Executing" },
    data: { leaseExpiresAt: leaseUntil(claimer) },
  });
  return renewed.count;
}
