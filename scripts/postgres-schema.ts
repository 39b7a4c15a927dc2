/**
 * Writes prisma/postgres/schema.prisma from prisma/schema.prisma, the one schema source of truth:
 * the same models with the postgresql provider and a client of its own (lib/db/generated-pg), since
 * a Prisma client only works with an adapter of the provider it was generated for.
 * `--check` exits 1 when the checked-in copy is out of date; `--source FILE --out FILE` converts
 * another copy (an older schema, to write a migration from).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const SOURCE = arg("--source") ?? path.join(ROOT, "prisma", "schema.prisma");
const POSTGRES_SCHEMA = arg("--out") ?? path.join(ROOT, "prisma", "postgres", "schema.prisma");

function postgresSchema(source: string): string {
  const swapped = source
    .replace(/output\s*=\s*"\.\.\/lib\/db\/generated"/, 'output     = "../../lib/db/generated-pg"')
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  if (swapped === source || !swapped.includes("generated-pg") || !swapped.includes('"postgresql"')) {
    throw new Error("prisma/schema.prisma no longer has the generator output or sqlite provider this script swaps");
  }
  return `// Generated from prisma/schema.prisma by scripts/postgres-schema.ts: edit that file, then run npm run db:schema:postgres.\n${swapped}`;
}

const wanted = postgresSchema(readFileSync(SOURCE, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {}
  if (current !== wanted) {
    console.error("prisma/postgres/schema.prisma is out of date: run npm run db:schema:postgres");
    process.exit(1);
  }
} else {
  writeFileSync(POSTGRES_SCHEMA, wanted);
  console.log(`wrote ${POSTGRES_SCHEMA}`);
}
