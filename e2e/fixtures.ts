import { mkdirSync } from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";

export const ARTIFACTS = "e2e-artifacts";
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * Every test gets a page that may only talk to this app: any other request is aborted and
 * fails the test, as does any console error or uncaught exception in the page.
 */
export const test = base.extend<{ guardedPage: Page }>({
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
