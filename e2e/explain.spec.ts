import { expect, screenshot, test } from "./fixtures";
import { createPolicy, monacoIn, openEditor, replaceEditorText, savePolicy } from "./policy-authoring-helpers";

// Lines 3 and 5 of the conditions block: the default that decides and the body that fails.
const conditions = 'package explain_e2e\n\ndefault result := {"allowed": false}\n\nresult := {"allowed": true} if input.RequiresApproval\n';
const scope = 'package explain_e2e\n\ndefault evaluate := false\n\nevaluate if input.Environment.Slug == "production"\n';

test("the test panel explains a decision and its lines move the editor there", async ({ guardedPage: page, request }) => {
  await createPolicy(request, "explain_e2e");
  await savePolicy(request, "explain_e2e", { scopeRego: scope, conditionsRego: conditions });
  await openEditor(page, "explain_e2e");

  const panel = page.getByTestId("test-panel");
  await panel.getByText("Input JSON", { exact: true }).click();
  await replaceEditorText(page, "input-json-editor", JSON.stringify({ Environment: { Slug: "production" }, RequiresApproval: false }));
  await panel.getByRole("button", { name: "Run test" }).click();
  const result = panel.getByTestId("test-result");
  await expect(result.getByTestId("test-outcome")).toHaveText("Blocked", { timeout: 30_000 });

  const why = result.getByTestId("explanation-result");
  await expect(why).toContainText('was decided by the default at Conditions line 3: default result := {"allowed": false}');
  const failure = why.getByTestId("explanation-failure");
  await expect(failure).toHaveText("the rule at Conditions line 5 failed at Conditions line 5: input.RequiresApproval (compared false)");
  await expect(result.getByTestId("explanation-evaluate")).toContainText("was decided by the rule at Scope line 5");
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, "explain-test-panel");

  // The deciding line: the conditions editor's cursor goes to line 3.
  await why.getByTestId("explanation-line").first().click();
  await expect(monacoIn(page, "conditions-editor").locator(".line-numbers.active-line-number")).toHaveText("3");
  await failure.getByTestId("explanation-line").click();
  await expect(monacoIn(page, "conditions-editor").locator(".line-numbers.active-line-number")).toHaveText("5");

  // Out of scope: what failed in evaluate.
  await replaceEditorText(page, "input-json-editor", JSON.stringify({ Environment: { Slug: "test" } }));
  await panel.getByRole("button", { name: "Run test" }).click();
  await expect(result.getByTestId("test-outcome")).toHaveText("Out of scope", { timeout: 30_000 });
  const scopeWhy = result.getByTestId("explanation-evaluate");
  await expect(scopeWhy.getByTestId("explanation-failure")).toHaveText(
    'the rule at Scope line 5 failed at Scope line 5: input.Environment.Slug == "production" (compared "test", "production")',
  );
  await expect(result.getByTestId("explanation-result")).toHaveCount(0);
  await scopeWhy.getByTestId("explanation-line").last().click();
  await expect(monacoIn(page, "scope-editor").locator(".line-numbers.active-line-number")).toHaveText("5");
});
