import { expect, screenshot, test } from "./fixtures";

/**
 * Webhooks (#17): adding a subscription in the dialog shows its signing secret once, the row
 * lists its events, its delivery log opens, and it can be disabled. The URL is a closed port on
 * this machine, so nothing leaves it.
 */
test("adds a webhook, shows its secret once, opens its delivery log and disables it", async ({ guardedPage: page }) => {
  const name = `SIEM ${Date.now().toString(36)}`;
  await page.goto("/configuration/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByTestId("create-webhook-dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("URL").fill("http://127.0.0.1:9/policy-hub");
  await dialog.getByLabel("policy.published").check();
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(/whsec_[\w-]{20,}/);

  const row = page.getByRole("table", { name: "Webhook subscriptions" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("evaluation.block, evaluation.error, policy.published");
  await expect(row).toContainText("Enabled");
  await screenshot(page, "webhooks");

  await row.getByRole("link", { name: "Delivery log" }).click();
  await expect(page.getByRole("heading", { name: `Delivery log: ${name}` })).toBeVisible();
  await page.getByRole("table", { name: "Webhook subscriptions" }).getByRole("row").filter({ hasText: name }).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByRole("table", { name: "Webhook subscriptions" }).getByRole("row").filter({ hasText: name })).toContainText("Disabled");
  // Reloading does not show the secret again.
  await page.reload();
  await expect(page.getByRole("status")).toHaveCount(0);
});
