/**
 * "Why did it decide that?": the engine's explanation of `evaluate` and `result` (which clause
 * gave the value, and how far each body that ran got) placed at lines of the policy file and of
 * its Rego blocks, with the source text there. JSON only: it crosses the evaluation pool's worker
 * boundary, is stored with the evaluation and is shown by the editor, which moves to
 * `moduleLine` of `module`.
 */
import type { ClauseKind, CompiledPolicy, Location, RuleExplanation } from "@/lib/rego";
import { moduleFile } from "@/lib/policies/compile";
import { REGO_BLOCKS, policyFilePath, type RegoBlock } from "@/lib/policies/document";
import { fileLocationInModule, readPolicyFile, type RegoModuleLocation } from "@/lib/policies/read";

/** A place in a policy: the file's line and the line in its Rego block (the editor's numbering). */
export interface ExplainedLine {
  file: string;
  line: number;
  column: number;
  module: RegoBlock;
  moduleLine: number;
  moduleColumn: number;
  /** The source from that position to the end of its line. */
  text: string;
}

export interface ExplainedBody {
  at: ExplainedLine;
  kind: Exclude<ClauseKind, "default">;
  succeeded: boolean;
  /** Why a body had no solution: the furthest expression it reached, with the values it compared when cheap. */
  failed?: { at: ExplainedLine; values?: string[] };
}

export interface ExplainedRule {
  /** The rule body, `else` or default that gave the value; absent when the rule was undefined. */
  decidedBy?: ExplainedLine & { kind: ClauseKind };
  /** Every body of the rule that ran, in order. */
  bodies: ExplainedBody[];
}

/** `scope` explains `evaluate`; `result` is there when `result` was evaluated (in scope). */
export interface Explanation {
  scope: ExplainedRule;
  result?: ExplainedRule;
}

type Placer = (loc: Location) => ExplainedLine | undefined;

// Placing needs the file's heredoc positions: read once per compiled policy (the cache keeps those).
const placers = new WeakMap<CompiledPolicy, Placer>();

/** Places engine locations (`scope.rego` row 5) in the policy file `slug`/`ocl`. */
export function placerFor(compiled: CompiledPolicy, slug: string, ocl: string): Placer {
  let place = placers.get(compiled);
  if (!place) {
    const file = policyFilePath(slug);
    const read = readPolicyFile(file, ocl);
    const blocks = new Map<string, { module: RegoBlock; m: RegoModuleLocation; lines: string[] }>();
    for (const module of Object.keys(REGO_BLOCKS) as RegoBlock[]) {
      const m = read.modules[module];
      if (m) blocks.set(moduleFile(module), { module, m, lines: m.value.value.split("\n") });
    }
    place = (loc) => {
      const b = blocks.get(loc.file);
      return b && placeIn(file, b.module, b.m, b.lines, loc);
    };
    placers.set(compiled, place);
  }
  return place;
}

function placeIn(file: string, module: RegoBlock, m: RegoModuleLocation, lines: string[], loc: Location): ExplainedLine {
  const at = fileLocationInModule(m, loc.row, loc.col);
  const text = (lines[loc.row - 1] ?? "").slice(loc.col - 1).trim();
  return { file, ...at, module, moduleLine: loc.row, moduleColumn: loc.col, text };
}

/** The engine's explanation of one rule at policy lines; places that fall outside both blocks are dropped. */
export function explainRule(e: RuleExplanation, place: Placer): ExplainedRule {
  const decided = e.decidedBy && place(e.decidedBy.location);
  const bodies: ExplainedBody[] = [];
  for (const b of e.bodies) {
    const at = place(b.location);
    if (!at) continue;
    const failedAt = b.failed && place(b.failed.location);
    bodies.push({
      at,
      kind: b.kind,
      succeeded: b.succeeded,
      ...(failedAt ? { failed: { at: failedAt, ...(b.failed!.values ? { values: b.failed!.values } : {}) } } : {}),
    });
  }
  return { ...(decided ? { decidedBy: { ...decided, kind: e.decidedBy!.kind } } : {}), bodies };
}

const KIND_WORD: Record<ClauseKind, string> = { rule: "rule", else: "else", default: "default" };

/** One line per fact, for the task log and the CLI: `result: default at policies/x.ocl:23 (default result := ...)`. */
export function describeExplanation(e: Explanation): string[] {
  const lines: string[] = [];
  const where = (l: ExplainedLine) => `${l.file}:${l.line}`;
  const rule = (name: string, r: ExplainedRule) => {
    if (r.decidedBy) lines.push(`${name} decided by the ${KIND_WORD[r.decidedBy.kind]} at ${where(r.decidedBy)}: ${r.decidedBy.text}`);
    else lines.push(`${name} is undefined: no body succeeded`);
    for (const b of r.bodies) {
      if (b.succeeded || !b.failed) continue;
      const values = b.failed.values ? ` (compared ${b.failed.values.join(", ")})` : "";
      lines.push(`  the ${KIND_WORD[b.kind]} at ${where(b.at)} failed at ${where(b.failed.at)}: ${b.failed.at.text}${values}`);
    }
  };
  rule("evaluate", e.scope);
  if (e.result) rule("result", e.result);
  return lines;
}
