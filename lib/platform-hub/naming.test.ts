import { describe, expect, it } from "vitest";
import { branchNameProblem } from "./branch-name";
import { quickCommitMessage, type ChangeKind } from "./commit-message";

describe("branchNameProblem", () => {
  it.each(["main", "feature/no-skips", "drafts/ada.v2", "release-2025_09"])("accepts %s", (name) => {
    expect(branchNameProblem(name)).toBeNull();
  });

  it.each(["", "a b", "a..b", "-x", "/x", "x/", "a//b", "x.lock", "a/.hidden", "x.", "a@{1}", "@", "a~1", "a^", "a:b", "a?", "a*", "a[b", "a\\b", "HEAD"])(
    "rejects %j",
    (name) => {
      expect(branchNameProblem(name)).toEqual(expect.any(String));
    },
  );
});

describe("quickCommitMessage", () => {
  it.each<[{ kind: ChangeKind; path: string }[], string]>([
    [[{ kind: "update", path: "policies/manual_intervention_required.ocl" }], "Update policy manual_intervention_required"],
    [[{ kind: "create", path: "policies/a.ocl" }, { kind: "create", path: "policies/b.ocl" }], "Create policies a, b"],
    [[{ kind: "delete", path: "policies/a.ocl" }, { kind: "update", path: "policies/b.ocl" }], "Change policies a, b"],
    [["a", "b", "c", "d"].map((s) => ({ kind: "update" as const, path: `policies/${s}.ocl` })), "Update 4 policies"],
    [[{ kind: "update", path: "README.md" }], "Update README.md"],
    [[{ kind: "update", path: "README.md" }, { kind: "update", path: "policies/a.ocl" }], "Update 2 files"],
  ])("%j → %s", (changes, message) => {
    expect(quickCommitMessage(changes)).toBe(message);
  });
});
