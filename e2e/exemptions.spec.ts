import type { APIRequestContext } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";

/**
 * Exemptions (#17): the empty list, creating an exemption of ACME from a policy in the dialog,
 * seeing it active, and revoking it. The policy is this spec's own and never activated, so the
 * exemption cannot change another spec's deployments.
 */

const slug = `e2e_exemptions_${Date.now().toString(36)}`;
const name = `Change window (${slug.slice(-6)})`;

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

test.beforeAll(async ({ request }) => {
  await ok(await request.post("/api/policies", { data: { name, slug } }));
});

test("creates an exemption from a policy for ACME in Production, then revokes it", async ({ guardedPage: page, request }) => {
  await page.goto("/platform-hub/exemptions");
  await expect(page.getByRole("heading", { name: "Exemptions", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No exemptions" })).toBeVisible();
  await screenshot(page, "exemptions-empty");

  await page.getByRole("button", { name: "Create exemption" }).click();
  const dialog = page.getByTestId("create-exemption-dialog");
  await dialog.getByLabel("Policy").selectOption({ label: name });
  await dialog.getByLabel("Project").selectOption({ label: "ACME" });
  await dialog.getByLabel("Environment").selectOption({ label: "Production" });
  await dialog.getByLabel("Owner").fill("Web platform team");
  await dialog.getByLabel("Justification").fill("Hotfix release outside the change window, approved in CHG-1234");
  const expires = dialog.getByLabel("Expires on");
  const max = await expires.getAttribute("max");
  expect(max, "the latest expiry offered").toBeTruthy();
  await expires.fill(max!);
  await dialog.getByRole("button", { name: "Create exemption" }).click();
  await expect(dialog).toBeHidden();

  const active = page.getByRole("table", { name: "Active exemptions" });
  const row = active.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("ACME");
  await expect(row).toContainText("Production");
  await expect(row).toContainText("Web platform team");
  await expect(row).toContainText(`${max} 00:00 UTC`);
  await expect(row).toContainText("Active");
  await screenshot(page, "exemptions-active");

  await row.getByRole("button", { name: /^Revoke exemption / }).click();
  const ended = page.getByRole("table", { name: "Expired and revoked exemptions" });
  await expect(ended.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  await expect(page.getByText("No exemption is active")).toBeVisible();

  // Both changes are in the audit log, naming the exemption.
  const { items } = await ok<{ items: { id: string; policy: { slug: string }; status: string }[] }>(await request.get("/api/exemptions"));
  const mine = items.filter((e) => e.policy.slug === slug);
  expect(mine.map((e) => e.status)).toEqual(["revoked"]);
  const groups = ["Compliance Policy Exemption Granted", "Compliance Policy Exemption Revoked"].map((g) => `group=${encodeURIComponent(g)}`).join("&");
  const audit = await ok<{ items: { category: string; details: { exemptionId?: string } }[] }>(await request.get(`/api/audit?${groups}`));
  expect(audit.items.filter((e) => e.details.exemptionId === mine[0].id).map((e) => e.category).sort()).toEqual(["ExemptionGranted", "ExemptionRevoked"]);
});
