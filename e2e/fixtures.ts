import { mkdirSync } from "node:fs";
import { request as playwrightRequest, test as base, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/seed/demo-access";

export const ARTIFACTS = "e2e-artifacts";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/** Where a demo user's signed-in browser state is kept between the tests of a worker. */
const authFile = (username: string, worker: number) => `test-results/.auth/${username}-${worker}.json`;

/** Signs a demo user in through the API, as the sign-in page does, and saves the session cookie for browser contexts. */
export async function signInState(baseURL: string, username: string, worker: number): Promise<string> {
  const context = await playwrightRequest.newContext({ baseURL });
  const response = await context.post("/api/auth/sign-in", { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), `signing in as ${username}`).toBe(200);
  const file = authFile(username, worker);
  mkdirSync("test-results/.auth", { recursive: true });
  await context.storageState({ path: file });
  await context.dispose();
  return file;
}

/**
 * Every test runs signed in as the demo administrator (a spec can `test.use({ storageState })`
 * another user's state), and the `request` fixture calls the API with the administrator's API key.
 */
const signedIn = base.extend<object, { adminState: string; adminApiKey: string }>({
  adminState: [async ({}, use, workerInfo) => use(await signInState(String(workerInfo.project.use.baseURL), "admin", workerInfo.workerIndex)), { scope: "worker" }],
  adminApiKey: [
    async ({ adminState }, use, workerInfo) => {
      const context = await playwrightRequest.newContext({ baseURL: String(workerInfo.project.use.baseURL), storageState: adminState });
      const response = await context.post("/api/auth/api-keys", { data: { name: `e2e worker ${workerInfo.workerIndex}` } });
      expect(response.status(), "creating the administrator's API key").toBe(201);
      const { key } = (await response.json()) as { key: string };
      await context.dispose();
      await use(key);
    },
    { scope: "worker" },
  ],
  storageState: async ({ adminState }, use) => use(adminState),
  request: async ({ baseURL, adminApiKey }, use) => {
    const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-octopus-apikey": adminApiKey } });
    await use(context);
    await context.dispose();
  },
});

/**
 * Every test gets a page that may only talk to this app: any other request is aborted and
 * fails the test, as does any console error or uncaught exception in the page.
 */
export const test = signedIn.extend<{ guardedPage: Page }>({
  guardedPage: async ({ page }, use) => {
    const problems: string[] = [];
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (["http:", "https:", "ws:", "wss:"].includes(url.protocol) && !LOCAL_HOSTS.has(url.hostname)) {
        problems.push(`request to ${url.href}`);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await use(page);
    expect(problems, "requests outside localhost, console errors and page errors").toEqual([]);
  },
});

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

export { expect };
