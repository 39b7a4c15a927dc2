/**
 * The audit log's hash chain. Every record stores sha256(previous record's hash + its own
 * canonical form), so changing, removing or reordering a record breaks every link after it.
 * The database refuses UPDATE and DELETE on the table (triggers in the migration); the chain
 * shows when someone went around the database (edited the file, dropped a trigger).
 */
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { placeholders } from "@/lib/db/sql";
import { insertRows } from "@/lib/db/insert-rows";
import type { RawDb } from "@/lib/db/sqlite-statements";

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

function hasTransaction(db: DbOrTx | RawDb): db is Extract<DbOrTx, { $transaction: unknown }> {
  return "$transaction" in db;
}

/**
 * Appends rows to the chain. The head is read inside the write transaction; the unique `seq`
 * makes a second writer that read the same head fail instead of forking the chain. Callers
 * allocate the rows' ids (a write) first, so the transaction already holds SQLite's write lock
 * when it reads the head.
 */
export async function appendAuditRows(db: DbOrTx | RawDb, rows: readonly AuditRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  if (hasTransaction(db)) return db.$transaction((tx) => appendAuditRows(tx, rows));
  // Raw: every gate and every task end reads the head, and findFirst costs three times as long in Prisma's client.
  const [head] = await db.$queryRaw<{ seq: number | bigint; hash: string | null }[]>`
    SELECT "seq", "hash" FROM "AuditEvent" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`;
  let seq = head ? Number(head.seq) : 0;
  let previousHash = head?.hash ?? GENESIS_HASH;
  const data = rows.map((row) => {
    seq += 1;
    const record = chainedRecord({ ...row, seq });
    const hash = chainHash(previousHash, record);
    const chained = { ...row, seq, hash, previousHash };
    previousHash = hash;
    return chained;
  });
  await insertRows(db, "AuditEvent", data);
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

/** A verified record the walk continues from: the genesis before the first record. */
interface ChainPoint {
  seq: number;
  hash: string;
  recordId: string | null;
}

const GENESIS: ChainPoint = { seq: 0, hash: GENESIS_HASH, recordId: null };

/**
 * Walks the chain from `from` in order, at most `limit` records, and reports the first broken or
 * missing link. `done` is false when it stopped at the limit with records left.
 */
async function walkChain(db: DbOrTx, from: ChainPoint, limit: number): Promise<{ result: ChainVerification; done: boolean }> {
  let previousHash = from.hash;
  let expectedSeq = from.seq + 1;
  let lastRecordId = from.recordId;
  const broken = (b: ChainBreak) => ({ result: { ok: false as const, verified: expectedSeq - 1, lastRecordId, broken: b }, done: true });

  while (expectedSeq - from.seq <= limit) {
    const take = Math.min(BATCH, limit - (expectedSeq - from.seq) + 1);
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take });
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
    if (rows.length < take) {
      const unchained = await db.auditEvent.findFirst({ where: { seq: null }, orderBy: { id: "asc" }, select: { id: true } });
      if (unchained) return broken({ recordId: unchained.id, seq: expectedSeq, reason: `record ${unchained.id} is not part of the chain` });
      return { result: { ok: true, verified: expectedSeq - 1, lastRecordId }, done: true };
    }
  }
  return { result: { ok: true, verified: expectedSeq - 1, lastRecordId }, done: false };
}

const CHECKPOINT_ID = 1;

async function readCheckpoint(db: DbOrTx): Promise<ChainPoint | null> {
  const row = await db.auditChainCheckpoint.findUnique({ where: { id: CHECKPOINT_ID } });
  return row && { seq: row.seq, hash: row.hash, recordId: row.recordId };
}

/** Moves the checkpoint forward, never back: two views verifying at once both store, the further one wins. */
async function storeCheckpoint(db: DbOrTx, result: ChainVerification, hash: string | undefined): Promise<void> {
  if (!result.ok || !result.lastRecordId || hash === undefined) return;
  await db.$executeRawUnsafe(
    placeholders(db, `INSERT INTO "AuditChainCheckpoint" ("id", "seq", "recordId", "hash", "verifiedAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("id") DO UPDATE SET "seq" = excluded."seq", "recordId" = excluded."recordId", "hash" = excluded."hash", "verifiedAt" = excluded."verifiedAt"
     WHERE excluded."seq" > "AuditChainCheckpoint"."seq"`),
    CHECKPOINT_ID, result.verified, result.lastRecordId, hash, new Date(),
  );
}

async function hashOf(db: DbOrTx, seq: number): Promise<string | undefined> {
  const row = await db.auditEvent.findUnique({ where: { seq }, select: { hash: true } });
  return row?.hash ?? undefined;
}

/**
 * Walks the whole chain from the first record (`npm run audit:verify`, the verify API): the only
 * check that finds a record changed below the checkpoint. A chain that verifies moves the checkpoint
 * to its head.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainVerification> {
  const { result } = await walkChain(db, GENESIS, Number.POSITIVE_INFINITY);
  if (result.ok) await storeCheckpoint(db, result, await hashOf(db, result.verified));
  return result;
}

/** Records one page view verifies past the checkpoint: about a second of hashing on a busy log. */
export const RECORDS_PER_VIEW = 50_000;

/**
 * The audit page's check: the records written since the last verified one, from the stored
 * checkpoint (at most `limit` of them, so a long unverified stretch is caught up over several
 * views, each moving the checkpoint on). The checkpoint's own record must still carry the hash it
 * was verified with; records below it are trusted here and re-checked only by a full walk.
 */
export async function verifyAuditChainSinceCheckpoint(db: DbOrTx, limit: number = RECORDS_PER_VIEW): Promise<ChainVerification> {
  const checkpoint = (await readCheckpoint(db)) ?? GENESIS;
  if (checkpoint.seq > 0) {
    const row = await db.auditEvent.findUnique({ where: { seq: checkpoint.seq } });
    const intact = row && row.id === checkpoint.recordId && row.hash === checkpoint.hash && row.previousHash !== null &&
      row.hash === chainHash(row.previousHash, chainedRecord({ ...row, seq: checkpoint.seq }));
    if (!intact) {
      const reason = `record #${checkpoint.seq} (${checkpoint.recordId}) was changed after it was verified`;
      return { ok: false, verified: checkpoint.seq - 1, lastRecordId: null, broken: { recordId: row?.id ?? checkpoint.recordId, seq: checkpoint.seq, reason } };
    }
  }
  const { result } = await walkChain(db, checkpoint, limit);
  if (result.ok && result.verified > checkpoint.seq) await storeCheckpoint(db, result, await hashOf(db, result.verified));
  return result;
}

/** One line for people: the page banner, the CLI. */
export function describeVerification(result: ChainVerification): string {
  const upTo = result.lastRecordId ? `up to ${result.lastRecordId} (${result.verified} records)` : "(no records yet)";
  if (result.ok) return `Audit chain verified ${upTo}`;
  const at = result.broken.recordId ? `at record ${result.broken.recordId}` : `at position #${result.broken.seq}`;
  return `Audit chain broken ${at}: ${result.broken.reason}; verified ${upTo}`;
}
