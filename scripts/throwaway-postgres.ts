/**
 * A throwaway PostgreSQL server for the benchmarks (scripts/pg-test-server.sh) with one empty
 * database; `stop` shuts the server down and removes its folder.
 */
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

const SERVER_SCRIPT = path.join(__dirname, "pg-test-server.sh");

export interface ThrowawayPostgres {
  /** The DATABASE_URL of the empty database. */
  url: string;
  /** The server's folder, for `bash scripts/pg-test-server.sh stop <dir>`. */
  dir: string;
  stop(): void;
}

export function startThrowawayPostgres(database: string): ThrowawayPostgres {
  const started = spawnSync("bash", [SERVER_SCRIPT], { encoding: "utf8" });
  const dir = /^PG_DIR=(.+)$/m.exec(started.stderr)?.[1];
  if (started.status !== 0 || !dir) throw new Error(`could not start PostgreSQL: ${started.stderr}`);
  const server = started.stdout.trim();
  execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", server, "-c", `CREATE DATABASE "${database}"`]);
  return {
    url: `${server.slice(0, server.lastIndexOf("/"))}/${database}`,
    dir,
    stop: () => void spawnSync("bash", [SERVER_SCRIPT, "stop", dir]),
  };
}
