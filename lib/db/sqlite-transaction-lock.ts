import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Mutex } from "async-mutex";

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/**
 * Makes every statement outside a transaction wait until no transaction is open on the
 * connection. A process has one SQLite connection, and Prisma's adapter locks only transactions
 * against each other: a lone query sent while another task's transaction was open ran inside it,
 * so it read that transaction's uncommitted rows and, if that transaction rolled back, a write
 * that had answered "done" was undone with it. Code inside a transaction must use the
 * transaction's client: a query on the root client there now waits for the transaction to end
 * (and the transaction times out) instead of silently joining it.
 */
export function lockStatementsOutsideTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Mutex();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => lock.runExclusive(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.runExclusive(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.runExclusive(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo && (() => adapter.getConnectionInfo!()),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let transaction: Transaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      // Prisma sends COMMIT or ROLLBACK as a statement of the transaction, then calls these.
      const ending = (end: () => Promise<void>) => async () => {
        try {
          await end();
        } finally {
          release();
        }
      };
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        queryRaw: (query) => transaction.queryRaw(query),
        executeRaw: (query) => transaction.executeRaw(query),
        commit: ending(() => transaction.commit()),
        rollback: ending(() => transaction.rollback()),
      };
    },
  };
}
