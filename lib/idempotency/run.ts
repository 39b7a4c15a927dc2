import type { DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { IdempotencyError } from "./errors";

export interface IdempotentRequest {
  /** Who sent it: keys are the caller's own, so one caller's key never answers another's request. */
  owner: string;
  key: string;
  /** `requestFingerprint(...)` of the request. */
  fingerprint: string;
}

export interface IdempotencyOptions {
  /** How long an answer is kept for retries. */
  ttlMs?: number;
  /** How long a duplicate waits for the first request, still running, to answer. */
  waitMs?: number;
  now?: () => Date;
}

export type IdempotentOutcome = { ok: true; response: Response; replayed: boolean } | { ok: false; error: IdempotencyError };

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WAIT_MS = 10_000;
const POLL_MS = 50;

/** Marks a replayed answer, so a client (and a test) can tell it from a fresh one. */
export const REPLAYED_HEADER = "idempotent-replayed";

type Row = { id: number; fingerprint: string; status: number | null; contentType: string | null; body: string | null };

/**
 * Runs `run` at most once per caller and key. The first request claims the key (a unique row, so
 * of concurrent duplicates only one can), runs and stores its answer; a later one with the same
 * fingerprint gets that answer again, waiting for it while the first is still running; one with
 * another fingerprint is refused. A throw or a 5xx frees the key, so the client may retry.
 */
export async function runIdempotent(db: DbOrTx, request: IdempotentRequest, run: () => Promise<Response>, options: IdempotencyOptions = {}): Promise<IdempotentOutcome> {
  const now = options.now ?? (() => new Date());
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    const claimed = await claim(db, request, now(), options.ttlMs ?? IDEMPOTENCY_TTL_MS);
    if (claimed.kind === "claimed") return { ok: true, response: await runAndStore(db, claimed.id, run), replayed: false };
    const existing = claimed.row;
    if (existing.fingerprint !== request.fingerprint) {
      return {
        ok: false,
        error: {
          code: "idempotency_key_reused",
          message: "This Idempotency-Key was already used for a different request; send a new key for a new request",
          status: 409,
          details: { key: request.key },
        },
      };
    }
    const answered = await waitForAnswer(db, existing.id, deadline);
    if (answered === "released") continue;
    if (answered) return { ok: true, response: replay(answered), replayed: true };
    return {
      ok: false,
      error: {
        code: "idempotency_request_in_progress",
        message: "A request with this Idempotency-Key is still being processed; retry later with the same key",
        status: 409,
        details: { key: request.key },
      },
    };
  }
}

async function claim(db: DbOrTx, request: IdempotentRequest, now: Date, ttlMs: number): Promise<{ kind: "claimed"; id: number } | { kind: "taken"; row: Row }> {
  // Expired answers are dropped as keys come in, so the table holds about a day of requests.
  await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } });
  for (;;) {
    try {
      const row = await db.idempotencyRecord.create({
        data: { owner: request.owner, key: request.key, fingerprint: request.fingerprint, createdAt: now, expiresAt: new Date(now.getTime() + ttlMs) },
        select: { id: true },
      });
      return { kind: "claimed", id: row.id };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await findRow(db, { owner_key: { owner: request.owner, key: request.key } });
    // Freed between our insert and this read: claim it again.
    if (row) return { kind: "taken", row };
  }
}

async function runAndStore(db: DbOrTx, id: number, run: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await run();
  } catch (e) {
    await db.idempotencyRecord.deleteMany({ where: { id } });
    throw e;
  }
  if (response.status >= 500) {
    await db.idempotencyRecord.deleteMany({ where: { id } });
    return response;
  }
  const body = await response.clone().text();
  await db.idempotencyRecord.update({ where: { id }, data: { status: response.status, contentType: response.headers.get("content-type"), body } });
  return response;
}

/** The stored answer once there is one; "released" when the first request failed and freed the key; null at the deadline. */
async function waitForAnswer(db: DbOrTx, id: number, deadline: number): Promise<Row | "released" | null> {
  for (;;) {
    const row = await findRow(db, { id });
    if (!row) return "released";
    if (row.status !== null) return row;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function findRow(db: DbOrTx, where: { id: number } | { owner_key: { owner: string; key: string } }): Promise<Row | null> {
  return db.idempotencyRecord.findUnique({ where, select: { id: true, fingerprint: true, status: true, contentType: true, body: true } });
}

function replay(row: Row): Response {
  const headers = new Headers({ [REPLAYED_HEADER]: "true" });
  if (row.contentType) headers.set("content-type", row.contentType);
  return new Response(row.body, { status: row.status!, headers });
}
