/**
 * Which SQL dialect a client speaks, for the few raw queries that differ. Apart from client.ts so
 * that importing it does not create the process's client (tests set DATABASE_URL first).
 */
export function isPostgres(db: object): boolean {
  return (db as { _activeProvider?: string })._activeProvider === "postgresql";
}
