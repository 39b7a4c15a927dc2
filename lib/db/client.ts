import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { databaseUrl } from "./url";

export type Db = PrismaClient;
/** A client or the client handed to an interactive transaction. */
export type DbOrTx = PrismaClient | Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Waits this long for a lock held by another connection (the worker, a seed) before failing. */
const BUSY_TIMEOUT_MS = 10_000;

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }) });
}

// One client per process: Next's dev server re-evaluates modules on every change, and each new
// client would open another SQLite connection.
const cache = globalThis as typeof globalThis & { policyHubPrisma?: PrismaClient };

export const prisma: PrismaClient = cache.policyHubPrisma ?? createPrismaClient();
cache.policyHubPrisma = prisma;
