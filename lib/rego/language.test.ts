/**
 * Language edge cases real policies hit, each as OPA behaves (its documentation on rules,
 * references, safety, v1 syntax and strict compile checks).
 */
import { describe, expect, it } from "vitest";
import { compile, type ModuleSource, type RegoError } from "./index";

function mods(sources: readonly (string | ModuleSource)[]): ModuleSource[] {
  return sources.map((s, i) => (typeof s === "string" ? { file: `m${i}.rego`, source: s } : s));
}

/** Compile errors of the modules ([] when they compile). */
function errors(...sources: (string | ModuleSource)[]): RegoError[] {
  const r = compile(mods(sources));
  return r.ok ? [] : r.errors;
}

/** Bindings of each solution of a query over the modules. */
function query(sources: (string | ModuleSource)[], q: string, opts: { input?: unknown; data?: unknown } = {}) {
  const r = compile(mods(sources));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const out = r.policy.query(q, opts);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.results.map((x) => x.bindings);
}

describe("dynamic refs into data", () => {
  const policy = `package policy
mine := data[input.namespace].containers
privileged contains c.name if {
  some c in mine
  c.privileged
}
all_names contains [ns, c.name] if {
  some c in data[ns].containers
}`;
  const teamA = 'package team_a\ncontainers := [{"name": "a1", "privileged": true}, {"name": "a2"}]';
  const data = { team_b: { containers: [{ name: "b1", privileged: true }] } };

  it("compiles: a variable segment links the rule only to rules whose paths it can match", () => {
    expect(errors(policy, teamA)).toEqual([]);
  });

  it("evaluates over rules of another package and over base data", () => {
    expect(query([policy, teamA], "x := data.policy.privileged", { input: { namespace: "team_a" }, data })).toEqual([{ x: ["a1"] }]);
    expect(query([policy, teamA], "x := data.policy.privileged", { input: { namespace: "team_b" }, data })).toEqual([{ x: ["b1"] }]);
    expect(query([policy, teamA], "x := data.policy.mine", { input: { namespace: "none" }, data })).toEqual([]);
  });

  it("iterates the children of data one by one, never evaluating the rule that iterates", () => {
    expect(query([policy, teamA], "x := data.policy.all_names", { data })).toEqual([
      {
        x: [
          ["team_a", "a1"],
          ["team_a", "a2"],
          ["team_b", "b1"],
        ],
      },
    ]);
    expect(query([policy, teamA], "x := data.policy", { input: { namespace: "team_b" }, data })).toEqual([
      { x: { mine: [{ name: "b1", privileged: true }], privileged: ["b1"], all_names: [["team_a", "a1"], ["team_a", "a2"], ["team_b", "b1"]] } },
    ]);
  });

  it("still reports a real cycle through a variable segment", () => {
    // `data[ns].containers` can be `data.policy.containers` itself
    expect(errors("package policy\ncontainers := data[input.ns].containers")).toMatchObject([{ code: "rego_recursion_error" }]);
    expect(errors("package policy\np contains n if { data[n].p }")).toMatchObject([{ code: "rego_recursion_error", message: "rule data.policy.p is recursive: data.policy.p -> data.policy.p" }]);
    expect(errors("package policy\nq := data.policy[input.k]")).toMatchObject([{ code: "rego_recursion_error" }]);
    expect(errors("package policy\np := data[input.x].q", "package other\nq := data.policy.p")).toMatchObject([{ code: "rego_recursion_error" }]);
  });
});
