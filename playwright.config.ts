import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

// Playwright loads this file in its runner and again in each worker. The runner picks a free
// port once and passes it on through the environment, which the workers inherit.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
]).toString();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const E2E_DATABASE = "data/e2e.db";
// The Platform Hub repository is fresh per run too, so no policy outlives the database that indexed it.
const E2E_HUB = "data/e2e-hub";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  forbidOnly: !!process.env.CI,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download needs the internet.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  // Both policy specs activate policies scoped to ACME in Development, which would change each
  // other's deployments: the operations walk-through runs once the authoring spec is done.
  projects: [
    { name: "policy-authoring", testMatch: /policy-authoring\.spec\.ts/ },
    { name: "operations", testMatch: /operations\.spec\.ts/, dependencies: ["policy-authoring"] },
    // Activates a policy of its own and counts deployments: after the walk-through, not during it.
    { name: "access", testMatch: /access\.spec\.ts/, dependencies: ["operations"] },
    // Activates a policy that blocks ACME in Production: after the others have deployed.
    { name: "evaluations", testMatch: /evaluations\.spec\.ts/, dependencies: ["access"] },
    // Deploys and activates policies of its own for the Ops Dashboard: after the others, which count deployments.
    { name: "user-walk", testMatch: /user-walk\.spec\.ts/, dependencies: ["evaluations"] },
    { name: "pages", testIgnore: [/policy-authoring\.spec\.ts/, /operations\.spec\.ts/, /access\.spec\.ts/, /evaluations\.spec\.ts/, /user-walk\.spec\.ts/] },
  ],
  webServer: {
    // The already-built app on a fresh, seeded database.
    command: `rm -rf ${E2E_DATABASE} ${E2E_DATABASE}-wal ${E2E_DATABASE}-shm ${E2E_HUB} && npm run --silent db:migrate && npm run --silent db:seed && npx next start -H 127.0.0.1 -p ${process.env.E2E_PORT}`,
    url: `${baseURL}/projects`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: { DATABASE_URL: `file:./${E2E_DATABASE}`, PLATFORM_HUB_REPO: E2E_HUB, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
