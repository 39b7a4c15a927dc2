/** The SQLite file used when DATABASE_URL is not set; relative paths resolve from the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** postgresql:// (or postgres://) selects PostgreSQL; anything else is a SQLite file. */
export function isPostgresUrl(url: string = databaseUrl()): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** The file system path of a `file:` URL, as better-sqlite3 opens it. */
export function databaseFile(url: string = databaseUrl()): string {
  return url.replace(/^file:/, "");
}
