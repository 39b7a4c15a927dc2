import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type Database from "better-sqlite3";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { registerSqliteConnection } from "./sqlite-statements";
import { lockStatementsOutsideTransactions } from "./sqlite-transaction-lock";
import { databaseUrl, isPostgresUrl } from "./url";

export type Db = PrismaClient;
/** A client or the client handed to an interactive transaction. */
export type DbOrTx = PrismaClient | Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Waits this long for a lock held by another connection (the worker, a seed) before failing. */
const BUSY_TIMEOUT_MS = 10_000;

/** Connections per process on PostgreSQL: the worker's tasks and the requests share them. */
const POSTGRES_POOL_SIZE = 10;

/**
 * A client for DATABASE_URL: PostgreSQL for a postgresql:// URL, else the SQLite file. Both
 * clients are generated from the one schema (prisma/postgres/schema.prisma is a copy with the
 * provider swapped), so they have the same models and the same queries; the PostgreSQL one is
 * typed as the SQLite one for the code above.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE }) });
    return client as unknown as PrismaClient;
  }
  const client: PrismaClient = new PrismaClient({ adapter: new ConnectionSharingAdapter(() => client, { url, timeout: BUSY_TIMEOUT_MS }) });
  return client;
}

/**
 * Prisma's better-sqlite3 adapter, handing the connection it opens to sqlite-statements.ts so
 * bulk writes can run their statements on it inside the client's transactions, and keeping lone
 * statements out of other callers' open transactions (sqlite-transaction-lock.ts). The adapter
 * keeps the connection as its `client`; should a later version not, nothing is registered and
 * those writes go through Prisma's client as before.
 */
class ConnectionSharingAdapter extends PrismaBetterSQLite3 {
  constructor(
    private readonly owner: () => PrismaClient,
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
  ) {
    super(config);
  }

  override async connect(): ReturnType<PrismaBetterSQLite3["connect"]> {
    const adapter = await super.connect();
    // Duck-typed: the adapter depends on its own copy of better-sqlite3, so instanceof would not hold.
    const connection = (adapter as { client?: Partial<Database.Database> }).client;
    if (typeof connection?.prepare === "function" && typeof connection.inTransaction === "boolean") {
      registerSqliteConnection(this.owner(), connection as Database.Database);
    }
    // better-sqlite3 is built to sync only at checkpoints in WAL mode (synchronous=NORMAL), where a
    // power cut can undo commits already answered: an audit record, a gate's evaluations.
    await adapter.executeScript("PRAGMA synchronous = FULL");
    return lockStatementsOutsideTransactions(adapter);
  }
}

// One client per process: Next's dev server re-evaluates modules on every change, and each new
// client would open another SQLite connection.
const cache = globalThis as typeof globalThis & { policyHubPrisma?: PrismaClient };

export const prisma: PrismaClient = cache.policyHubPrisma ?? createPrismaClient();
cache.policyHubPrisma = prisma;
