/**
 * Rewrites the builtin table of lib/rego/README.md from OPA's capabilities list and the builtin
 * registry (see lib/rego/builtins/capabilities-table.ts).
 *
 *   npm run rego:builtins            # rewrite the table
 *   npm run rego:builtins -- --check # exit 1 when the README's table is stale
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withBuiltinTable } from "@/lib/rego/builtins/capabilities-table";

const readmePath = path.join(__dirname, "..", "lib", "rego", "README.md");
const readme = readFileSync(readmePath, "utf8");
const updated = withBuiltinTable(readme);

if (process.argv.includes("--check")) {
  if (updated !== readme) {
    console.error("lib/rego/README.md: the builtin table is stale; run `npm run rego:builtins`");
    process.exit(1);
  }
  console.log("lib/rego/README.md: the builtin table is up to date");
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log("lib/rego/README.md: builtin table rewritten");
} else console.log("lib/rego/README.md: builtin table already up to date");
