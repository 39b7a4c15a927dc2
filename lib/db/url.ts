/** The SQLite file used when DATABASE_URL is not set; relative paths resolve from the working directory. */
export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The file system path of a `file:` URL, as better-sqlite3 opens it. */
export function databaseFile(url: string = databaseUrl()): string {
  return url.replace(/^file:/, "");
}
