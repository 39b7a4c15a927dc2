import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    setupFiles: ["tests/setup/fail-on-query-while-busy.ts"],
    testTimeout: 30_000,
    // beforeAll hooks migrate and seed SQLite files; on a busy two-core CI machine that takes
    // longer than vitest's 10 s default.
    hookTimeout: 60_000,
  },
});
