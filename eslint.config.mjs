// ESLint 9 flat config: TypeScript parsing and the import-boundary rule. Layers point down only:
// app -> components -> lib boundary (http) -> services -> domains -> notifications -> identity ->
// auth -> audit -> requests (credential, idempotency) -> documents -> foundations. An import may go
// to its own layer or any layer below it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

const root = path.dirname(fileURLToPath(import.meta.url));

/** Top first. Each entry: the layer's name and the folders (or files) in it. */
const LAYERS = [
  ["app", ["app/**"]],
  ["components", ["components/**"]],
  ["boundary", ["lib/http/**"]],
  // What pages and routes call: services over several domains, page queries, demo data, editor support.
  ["services", ["lib/policy-service/**", "lib/projects/**", "lib/tasks/**", "lib/compliance/**", "lib/spaces/**", "lib/seed/**", "lib/editor/**"]],
  ["domains", ["lib/executions/**", "lib/exemptions/**", "lib/platform-hub/**", "lib/evaluation-pool/**"]],
  // People and records, one layer each so that no two of them can import each other: webhooks read
  // the audit log and name the acting user; the acting user is resolved by auth; auth and every
  // change record to the audit; an audit record names the credential a request came with.
  ["notifications", ["lib/notifications/**"]],
  ["identity", ["lib/identity/**"]],
  ["auth", ["lib/auth/**"]],
  ["audit", ["lib/audit/**"]],
  ["requests", ["lib/credential/**", "lib/idempotency/**"]],
  ["documents", ["lib/policies/**", "lib/policy-input/**"]],
  ["foundations", ["lib/rego/**", "lib/ocl/**", "lib/db/**", "lib/paging/**", "lib/ui/**", "lib/result/**", "lib/env/**"]],
];

const below = (i) => LAYERS.slice(i).map(([name]) => name);

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "dist/**", "lib/db/generated*/**", "e2e-artifacts/**", "data/**", "**/*.d.ts", "next-env.d.ts"] },
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { boundaries, "@typescript-eslint": tseslint.plugin },
    settings: {
      "import/resolver": { [path.join(root, "scripts/eslint-resolver.cjs")]: {} },
      "boundaries/elements": LAYERS.map(([type, pattern]) => ({ type, pattern, partialMatch: false })),
      "boundaries/include": ["app/**", "components/**", "lib/**"],
      // Tests exercise a layer from above (a route handler, a starter policy): they may import anything.
      "boundaries/ignore": ["**/*.test.ts", "**/*.test.tsx"],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: LAYERS.map(([type], i) => ({
            from: { element: { type } },
            allow: { to: { element: { types: { anyOf: below(i) } } } },
          })),
        },
      ],
    },
  },
);
