import { describe, expect, it } from "vitest";
import { isValidSlug, proposeSlug, RESERVED_SLUGS, SLUG_MAX_LENGTH, slugProblem } from "./slug";

describe("slugs", () => {
  it.each(["a", "manual_intervention_required", "policy2", "a_1_b"])("accepts %s", (slug) => {
    expect(isValidSlug(slug)).toBe(true);
    expect(slugProblem(slug)).toBeNull();
  });

  it.each([
    ["manual-intervention", 'contains "-"', "manual_intervention"],
    ["1st_policy", "must start with a lower-case letter", "policy_1st_policy"],
    ["_x", "must start with a lower-case letter", "x"],
    ["aBc", "may only contain", "abc"],
    ["a.b", "may only contain", "a_b"],
    ["", "empty", null],
  ])("rejects %j saying it %s", (slug, problem, proposal) => {
    expect(isValidSlug(slug)).toBe(false);
    expect(slugProblem(slug)).toContain(problem);
    if (proposal) expect(slugProblem(slug)).toContain(`"${proposal}"`);
  });

  it.each([
    ["Deployments - Manual intervention required", "deployments_manual_intervention_required"],
    ["  No steps skipped!! ", "no_steps_skipped"],
    ["Café déploiement", "cafe_deploiement"],
    ["2024 freeze", "policy_2024_freeze"],
    ["---", ""],
  ])("proposes a slug for %j", (name, slug) => {
    expect(proposeSlug(name)).toBe(slug);
  });
});

describe("slug limits", () => {
  it("cuts the slug proposed from a long name to the maximum length", () => {
    const slug = proposeSlug(`${"Very long policy name ".repeat(6)}end`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slugProblem(slug)).toBeNull();
    expect(slugProblem("a".repeat(SLUG_MAX_LENGTH + 1))).toContain(`at most ${SLUG_MAX_LENGTH}`);
  });
  it.each(RESERVED_SLUGS)("refuses the reserved slug %s and proposes another", (reserved) => {
    expect(slugProblem(reserved)).toContain("reserved");
    expect(proposeSlug(reserved)).toBe(`${reserved}_policy`);
  });
});
