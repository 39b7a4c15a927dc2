/**
 * The audit log's hash chain. Every record stores sha256(previous record's hash + its own
 * canonical form), so changing, removing or reordering a record breaks every link after it.
 * The database refuses UPDATE and DELETE on the table (triggers in the migration); the chain
 * shows when someone went around the database (edited the file, dropped a trigger).
 */
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** The hash the first record chains from. */
export const GENESIS_HASH = "0".repeat(64);

export type AuditRowInput = Omit<Prisma.AuditEventCreateManyInput, "seq" | "hash" | "previousHash"> & { occurredAt: Date };

/** The fields the hash covers, in a fixed order: the canonical form is the JSON array of their values. */
const CHAINED_FIELDS = [
  "id", "seq", "occurredAt", "eventGroup", "category", "message", "userId", "username", "spaceId", "projectId",
  "environmentId", "tenantId", "taskId", "policyId", "policyVersionId", "outcome", "details",
] as const;

type ChainedRecord = { [K in (typeof CHAINED_FIELDS)[number]]: K extends "occurredAt" ? Date : K extends "seq" ? number : string | null };

export function canonicalForm(record: ChainedRecord): string {
  return JSON.stringify(CHAINED_FIELDS.map((field) => {
    const value = record[field];
    return value instanceof Date ? value.toISOString() : value ?? null;
  }));
}

export function chainHash(previousHash: string, record: ChainedRecord): string {
  return createHash("sha256").update(previousHash).update("\n").update(canonicalForm(record)).digest("hex");
}

function hasTransaction(db: DbOrTx): db is Extract<DbOrTx, { $transaction: unknown }> {
  return "$transaction" in db;
}

/**
 * Appends rows to the chain. The head is read inside the write transaction; the unique `seq`
 * makes a second writer that read the same head fail instead of forking the chain. Callers
 * allocate the rows' ids (a write) first, so the transaction already holds SQLite's write lock
 * when it reads the head.
 */
export async function appendAuditRows(db: DbOrTx, rows: readonly AuditRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  if (hasTransaction(db)) return db.$transaction((tx) => appendAuditRows(tx, rows));
  const head = await db.auditEvent.findFirst({ where: { seq: { not: null } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = head?.seq ?? 0;
  let previousHash = head?.hash ?? GENESIS_HASH;
  const data = rows.map((row) => {
    seq += 1;
    const record = chainedRecord({ ...row, seq });
    const hash = chainHash(previousHash, record);
    const chained = { ...row, seq, hash, previousHash };
    previousHash = hash;
    return chained;
  });
  await db.auditEvent.createMany({ data });
}

function chainedRecord(row: AuditRowInput & { seq: number }): ChainedRecord {
  const value = (v: string | null | undefined) => v ?? null;
  return {
    id: row.id, seq: row.seq, occurredAt: row.occurredAt, eventGroup: row.eventGroup, category: row.category, message: row.message,
    userId: value(row.userId), username: value(row.username), spaceId: value(row.spaceId), projectId: value(row.projectId),
    environmentId: value(row.environmentId), tenantId: value(row.tenantId), taskId: value(row.taskId), policyId: value(row.policyId),
    policyVersionId: value(row.policyVersionId), outcome: value(row.outcome), details: row.details ?? "{}",
  };
}

export type ChainBreak = { recordId: string | null; seq: number; reason: string };

export type ChainVerification =
  | { ok: true; verified: number; lastRecordId: string | null }
  | { ok: false; verified: number; lastRecordId: string | null; broken: ChainBreak };

const BATCH = 5_000;

/** Walks the whole chain in order and reports the first broken or missing link. */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainVerification> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let lastRecordId: string | null = null;
  const broken = (b: ChainBreak): ChainVerification => ({ ok: false, verified: expectedSeq - 1, lastRecordId, broken: b });

  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const row of rows) {
      const seq = row.seq as number;
      if (seq !== expectedSeq) {
        return broken({ recordId: null, seq: expectedSeq, reason: `record #${expectedSeq} of the chain is missing (the next one, ${row.id}, is #${seq})` });
      }
      if (row.previousHash !== previousHash) {
        return broken({ recordId: row.id, seq, reason: `record ${row.id} does not link to the record before it` });
      }
      if (row.hash !== chainHash(previousHash, chainedRecord({ ...row, seq }))) {
        return broken({ recordId: row.id, seq, reason: `record ${row.id} was changed after it was written` });
      }
      previousHash = row.hash;
      lastRecordId = row.id;
      expectedSeq += 1;
    }
    if (rows.length < BATCH) break;
  }
  const unchained = await db.auditEvent.findFirst({ where: { seq: null }, orderBy: { id: "asc" }, select: { id: true } });
  if (unchained) return broken({ recordId: unchained.id, seq: expectedSeq, reason: `record ${unchained.id} is not part of the chain` });
  return { ok: true, verified: expectedSeq - 1, lastRecordId };
}

/** One line for people: the page banner, the CLI. */
export function describeVerification(result: ChainVerification): string {
  const upTo = result.lastRecordId ? `up to ${result.lastRecordId} (${result.verified} records)` : "(no records yet)";
  if (result.ok) return `Audit chain verified ${upTo}`;
  const at = result.broken.recordId ? `at record ${result.broken.recordId}` : `at position #${result.broken.seq}`;
  return `Audit chain broken ${at}: ${result.broken.reason}; verified ${upTo}`;
}
