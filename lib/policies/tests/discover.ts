import { refToPath } from "@/lib/rego/ast";
import { parseModule } from "@/lib/rego/parser";
import { TESTS_BLOCK } from "../document";
import { fileLocationInModule, type PolicyFileRead } from "../read";
import { moduleFile } from "../compile";

/** Where a test sits: in the OCL file, and inside the tests block's Rego (for the editor). */
export interface TestLocation {
  file: string;
  line: number;
  column: number;
  moduleLine: number;
  moduleColumn: number;
}

export interface DiscoveredTest {
  /** As `opa test` names it: `data.<package>.<rule>`. */
  name: string;
  rule: string;
  /** `todo_test_` rules are reported as skipped, as `opa test` does. */
  skip: boolean;
  location: TestLocation;
}

const TEST_RULE = /^(todo_)?test_/;

/**
 * The test rules of a policy file's tests block, in source order, one per name (a test written
 * with several bodies is one rule). Functions and ref heads (`test_x.y`) are not tests, as in OPA.
 * None when the block does not parse: compiling reports that.
 */
export function discoverTests(file: string, read: PolicyFileRead): DiscoveredTest[] {
  const tests = read.tests;
  if (!tests) return [];
  let module;
  try {
    module = parseModule(tests.value.value, moduleFile(TESTS_BLOCK));
  } catch {
    return [];
  }
  const pkg = refToPath(module.pkg);
  if (!pkg) return [];
  const found = new Map<string, DiscoveredTest>();
  for (const rule of module.rules) {
    const path = refToPath(rule.ref);
    if (!path || path.length !== 1 || rule.args || !TEST_RULE.test(path[0]) || found.has(path[0])) continue;
    const at = fileLocationInModule(tests, rule.loc.row, rule.loc.col);
    found.set(path[0], {
      name: ["data", ...pkg, path[0]].join("."),
      rule: path[0],
      skip: path[0].startsWith("todo_"),
      location: { file, line: at.line, column: at.column, moduleLine: rule.loc.row, moduleColumn: rule.loc.col },
    });
  }
  return [...found.values()];
}
