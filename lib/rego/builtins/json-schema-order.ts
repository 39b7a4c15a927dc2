/**
 * ajv's error list rearranged the way gojsonschema (OPA's validator) reports the combinators:
 * - `anyOf` / `oneOf`: the combinator's error, then the errors of the closest branch only.
 *   gojsonschema picks the branch with the best internal score; here the closest branch is one
 *   whose `type` matched, then the one with the fewest errors (first on ties).
 * - `if`: the `then`/`else` failure first, then that branch's errors.
 * - `allOf`: the failing subschemas' errors followed by one `allOf` error (ajv has none).
 * Errors reached through `$ref` carry the target's schema path and are left where ajv put them.
 */
import type { ErrorObject } from "ajv";

const sameOrBelow = (path: string, base: string): boolean => path === base || path.startsWith(base + "/");

/** Errors of the subschemas at `schemaPrefix` that apply to the instance at `instancePath`. */
const under = (errors: readonly ErrorObject[], schemaPrefix: string, instancePath: string): ErrorObject[] =>
  errors.filter((e) => e.schemaPath.startsWith(schemaPrefix + "/") && sameOrBelow(e.instancePath, instancePath));

/** Moves `head` and then `body` to where the first of them stood, dropping `drop`. */
function regroup(list: ErrorObject[], head: ErrorObject, body: readonly ErrorObject[], drop: readonly ErrorObject[]): ErrorObject[] {
  const moved = new Set<ErrorObject>([head, ...body, ...drop]);
  const at = list.findIndex((e) => moved.has(e));
  const rest = list.filter((e) => !moved.has(e));
  const before = list.slice(0, at).filter((e) => !moved.has(e)).length;
  return [...rest.slice(0, before), head, ...body, ...rest.slice(before)];
}

function closestBranch(branches: Map<number, ErrorObject[]>): number {
  let best = -1;
  let bestKey: [number, number] = [Infinity, Infinity];
  for (const [n, errs] of [...branches].sort((a, b) => a[0] - b[0])) {
    const key: [number, number] = [errs.some((e) => e.keyword === "type") ? 1 : 0, errs.length];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) [best, bestKey] = [n, key];
  }
  return best;
}

/** How many instance path segments the schema path segments after a subschema descend. */
function instanceDepth(schemaSuffix: readonly string[]): number {
  let depth = 0;
  for (let i = 0; i < schemaSuffix.length; i++) {
    const seg = schemaSuffix[i];
    if (seg === "properties" || seg === "patternProperties") [depth, i] = [depth + 1, i + 1];
    else if (seg === "items") {
      depth++;
      if (/^\d+$/.test(schemaSuffix[i + 1] ?? "")) i++;
    } else if (seg === "additionalProperties" || seg === "additionalItems" || seg === "contains") depth++;
    else if (seg === "anyOf" || seg === "oneOf" || seg === "allOf" || seg === "dependencies" || seg === "dependentSchemas") i++;
  }
  return depth;
}

/** The instance an `allOf` applied to, from one of its subschemas' errors. */
function allOfInstance(e: ErrorObject, allOfPath: string): string {
  const suffix = e.schemaPath.slice(allOfPath.length + 1).split("/").slice(1, -1);
  const segs = e.instancePath === "" ? [] : e.instancePath.split("/").slice(1);
  const keep = segs.length - instanceDepth(suffix);
  return keep <= 0 ? "" : "/" + segs.slice(0, keep).join("/");
}

export function gojsonschemaOrder(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = [...errors];
  const combinators = list.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if");
  combinators.sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const c of combinators) {
    if (!list.includes(c)) continue; // inside a branch dropped by an enclosing combinator
    if (c.keyword === "if") {
      const branch = c.schemaPath.replace(/\/if$/, "/" + String((c.params as { failingKeyword?: string }).failingKeyword));
      list = regroup(list, c, under(list, branch, c.instancePath), []);
      continue;
    }
    const branches = new Map<number, ErrorObject[]>();
    for (const e of under(list, c.schemaPath, c.instancePath)) {
      const n = Number(e.schemaPath.slice(c.schemaPath.length + 1).split("/")[0]);
      branches.set(n, [...(branches.get(n) ?? []), e]);
    }
    const best = closestBranch(branches);
    const drop = [...branches].filter(([n]) => n !== best).flatMap(([, errs]) => errs);
    list = regroup(list, c, branches.get(best) ?? [], drop);
  }

  // One allOf error after the last error of each failing allOf, per instance it applied to.
  const out: ErrorObject[] = [];
  const pending = new Map<string, { at: number; error: ErrorObject }>();
  list.forEach((e) => {
    out.push(e);
    const m = /^(.*\/allOf)\/\d+(\/|$)/.exec(e.schemaPath);
    if (!m) return;
    const instancePath = allOfInstance(e, m[1]);
    const key = `${m[1]}\u0000${instancePath}`;
    const error = { keyword: "allOf", instancePath, schemaPath: m[1], params: {}, data: undefined } as ErrorObject;
    pending.set(key, { at: out.length, error });
  });
  for (const { at, error } of [...pending.values()].sort((a, b) => b.at - a.at)) out.splice(at, 0, error);
  return out;
}
