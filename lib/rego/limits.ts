/**
 * Evaluation limits: defaults for the app and the turning of resource exhaustion (a JavaScript
 * stack overflow on deeply nested values or sources, an impossible allocation) into error values,
 * so that no input or policy can make an API call throw or crash the server.
 */
import { fail, type RegoError } from "./errors";
import { RObject, RSet, type Value } from "./value/types";

/**
 * Applied per field when an evaluation's `limits` does not set it (`Infinity` disables a limit).
 * Steps: one per expression evaluated and per solution; builtins that build big collections from
 * small arguments (`numbers.range`) charge their size. Bytes: what builtins that build big values
 * from small arguments (`json.marshal`, `concat`, `sprintf`, `walk`...) build, summed over the
 * evaluation (see `ResourceMeter`). A policy of the app evaluates in microseconds, a few hundred
 * steps and a few kilobytes; these only stop runaway policies: a deployment gate must not hang.
 */
export const DEFAULT_LIMITS: { readonly maxSteps: number; readonly timeoutMs: number; readonly maxBytes: number } = Object.freeze({
  maxSteps: 10_000_000,
  timeoutMs: 1000,
  maxBytes: 32 * 1024 * 1024,
});

/** `RangeError: Maximum call stack size exceeded` (V8); other engines word it differently. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack|too much recursion/i.test(e.message);
}

/**
 * A resource error thrown by JavaScript itself (stack overflow, invalid array/string length,
 * BigInt too big) as a value; undefined for anything else.
 */
export function resourceError(e: unknown, during: "evaluation" | "compilation" | "parsing"): RegoError | undefined {
  if (!(e instanceof RangeError)) return undefined;
  const code = during === "evaluation" ? "eval_limit_error" : during === "parsing" ? "rego_parse_error" : "rego_compile_error";
  if (isStackOverflow(e)) {
    return { code, message: `${during} exceeded the maximum nesting depth (values or expressions nested too deeply)` };
  }
  return { code, message: `${during} exceeded a resource limit: ${e.message}` };
}

/**
 * `RangeError`s that mean JavaScript ran out of room (stack, string or array length, BigInt
 * size, an allocation): a resource limit, never a builtin's "undefined", so a runaway cannot
 * make a policy with a permissive `default` pass.
 */
export function isResourceExhaustion(e: unknown): boolean {
  return e instanceof RangeError && (isStackOverflow(e) || /invalid (string|array|typed array) length|maximum bigint size|allocation failed|out of memory/i.test(e.message));
}

// ---------- size charging ----------

type Composite = readonly Value[] | RObject | RSet;

// An exact decimal (BigDecimal) is an object too, but a scalar.
function isComposite(v: Value): v is Composite {
  return Array.isArray(v) || v instanceof RObject || v instanceof RSet;
}

function childCount(v: Composite): number {
  return Array.isArray(v) ? v.length : v instanceof RObject ? v.size * 2 : (v as RSet).size;
}

/** The i-th child: array items, object keys and values interleaved, set members. */
function childAt(v: Composite, i: number): Value {
  if (Array.isArray(v)) return v[i];
  if (v instanceof RObject) return v.entries()[i >> 1][i & 1];
  return (v as RSet).values()[i];
}

/** A bottom-up measure of a value, folded over its distinct nodes (shared substructure is measured once). */
interface Measure<T> {
  leaf(v: Value): T;
  node(v: Composite, children: T[]): T;
  /** The measure is past its cap: stop (a node is never smaller than one of its children). */
  over(x: T): boolean;
}

/**
 * Folds a measure over a value without recursion (values nest 100k+ deep) and with a memo per
 * composite, so a value built by self-nesting (`a1 := [a0, a0]`, 2^24 leaves in 24 arrays) is
 * measured in 24 steps. Returns undefined as soon as the measure passes its cap.
 */
function fold<T>(root: Value, m: Measure<T>, memo: WeakMap<object, unknown>): T | undefined {
  if (!isComposite(root)) return m.leaf(root);
  const known = memo.get(root) as T | undefined;
  if (known !== undefined) return known;
  const stack: { v: Composite; n: number; kids: T[] }[] = [{ v: root, n: childCount(root), kids: [] }];
  for (;;) {
    const top = stack[stack.length - 1];
    if (top.kids.length < top.n) {
      const c = childAt(top.v, top.kids.length);
      if (!isComposite(c)) top.kids.push(m.leaf(c));
      else {
        const seen = memo.get(c) as T | undefined;
        if (seen !== undefined) top.kids.push(seen);
        else stack.push({ v: c, n: childCount(c), kids: [] });
      }
      continue;
    }
    const x = m.node(top.v, top.kids);
    if (m.over(x)) return undefined;
    memo.set(top.v, x);
    stack.pop();
    if (stack.length === 0) return x;
    stack[stack.length - 1].kids.push(x);
  }
}

const leafBytes = (v: Value): number => (typeof v === "string" ? v.length + 2 : typeof v === "boolean" ? 5 : v === null ? 4 : 8);

/** About the bytes of a value's JSON text (the canonical keys, `json.marshal` and `sprintf` all build text of that order). */
function bytesMeasure(cap: number): Measure<number> {
  return {
    leaf: leafBytes,
    node: (v, kids) => {
      let n = 2 + kids.length;
      for (const k of kids) n += k;
      return n;
    },
    over: (x) => x > cap,
  };
}

/** `walk` returns one `[path, value]` per node (counted with repeats): nodes and the summed path lengths. */
function walkMeasure(cap: number): Measure<{ nodes: number; pathItems: number }> {
  const cost = (x: { nodes: number; pathItems: number }) => 16 * x.nodes + 8 * x.pathItems;
  return {
    leaf: () => ({ nodes: 1, pathItems: 0 }),
    node: (_v, kids) => {
      let nodes = 1;
      let pathItems = 0;
      for (const k of kids) {
        nodes += k.nodes;
        pathItems += k.pathItems + k.nodes;
      }
      // an object's keys are path segments, not nodes
      return { nodes, pathItems };
    },
    over: (x) => cost(x) > cap,
  };
}

const FLAT_MAX = 64;

/**
 * bytesMeasure of a scalar or of a small array or set of scalars (what `concat` and `sprintf` are
 * mostly given), without fold's stack and memo, which cost more than the sum; undefined for
 * anything else (a big flat value is left to the memo, measured once however often it is charged).
 */
function flatBytes(v: Value): number | undefined {
  if (!isComposite(v)) return leafBytes(v);
  if (v instanceof RObject) return undefined;
  const items = v instanceof RSet ? v.values() : v;
  if (items.length > FLAT_MAX) return undefined;
  let n = 2 + items.length;
  for (const x of items) {
    if (isComposite(x)) return undefined;
    n += leafBytes(x);
  }
  return n;
}

const stringLength = (v: Value | undefined): number => (typeof v === "string" ? v.length : 0);
const arrayLength = (v: Value | undefined): number => (Array.isArray(v) ? v.length : 0);

/** What a builtin's output costs, from its arguments, before it runs: bytes it will build. */
type Cost = (args: readonly Value[], meter: ResourceMeter) => number;

const textOf: Cost = (args, m) => m.bytesOf(args[0]);

const BUILTIN_COSTS = new Map<string, Cost>([
  ["json.marshal", textOf],
  ["json.marshal_with_options", (args, m) => 2 * m.bytesOf(args[0])],
  ["yaml.marshal", (args, m) => 2 * m.bytesOf(args[0])],
  ["sprintf", (args, m) => stringLength(args[0]) + m.bytesOf(args[1])],
  ["concat", (args, m) => m.bytesOf(args[1]) + stringLength(args[0]) * (arrayLength(args[1]) || (args[1] instanceof RSet ? args[1].size : 0))],
  ["array.concat", (args) => 8 * (arrayLength(args[0]) + arrayLength(args[1]))],
  ["sort", (args, m) => m.bytesOf(args[0])],
  ["json.unmarshal", (args) => stringLength(args[0])],
  ["yaml.unmarshal", (args) => stringLength(args[0])],
  ["base64.decode", (args) => stringLength(args[0])],
  ["walk", (args, m) => m.walkBytes(args[0])],
  ...(["replace", "strings.replace_n"] as const).map((name): [string, Cost] => [name, (args) => replaceCost(name, args)]),
]);

/** At most one replacement per occurrence of the pattern. */
function replaceCost(name: "replace" | "strings.replace_n", args: readonly Value[]): number {
  if (name === "replace") {
    const s = stringLength(args[0]);
    return s + Math.floor(s / Math.max(1, stringLength(args[1]))) * stringLength(args[2]);
  }
  const s = stringLength(args[1]);
  let grow = 0;
  if (args[0] instanceof RObject) for (const [k, v] of args[0].entries()) grow = Math.max(grow, stringLength(v) / Math.max(1, stringLength(k)));
  return s + Math.ceil(s * grow);
}

/** The comparison builtins: their canonical keys are as long as the values' text. */
const COMPARISONS = new Set(["equal", "neq", "lt", "lte", "gt", "gte"]);

/**
 * Whether `ResourceMeter.chargeBuiltin` charges calls of the builtin: resolved once per call site
 * at compile time, so the calls of the other builtins (`count`, `startswith`...) pay nothing.
 */
export function isSizeCharged(name: string): boolean {
  return COMPARISONS.has(name) || BUILTIN_COSTS.has(name);
}

/**
 * Per evaluation: the bytes that builtins building big values from small arguments have built
 * (`limits.maxBytes`). Each charge is computed from the arguments before the builtin runs, so a
 * `json.marshal` of a 2^24-leaf value or a 1 GB `concat` stops in microseconds instead of
 * allocating gigabytes or blocking for seconds.
 */
export class ResourceMeter {
  private bytes = 0;
  /** The builtin being charged, for the error message. */
  private charging = "value";
  // created when first needed: most evaluations measure only flat values, which need no memo
  private memo: WeakMap<object, unknown> | undefined;
  // walk measures a node differently: a memo of its own
  private walkMemo: WeakMap<object, unknown> | undefined;
  private textMeasure: Measure<number> | undefined;

  constructor(readonly maxBytes: number) {}

  /** Charges a builtin call when its name has a cost; throws `eval_limit_error` past the budget. */
  chargeBuiltin(name: string, args: readonly Value[]): void {
    if (COMPARISONS.has(name)) {
      if (args.length === 2) this.compare(args[0], args[1]);
      return;
    }
    const cost = BUILTIN_COSTS.get(name);
    if (cost === undefined) return;
    this.charging = name;
    const n = cost(args, this);
    this.bytes += n;
    if (this.bytes > this.maxBytes) this.exceeded(`${name} building about ${n} bytes`);
  }

  /**
   * Comparing or keying a composite builds its canonical text (cached per value): a value whose
   * text is beyond the whole budget is refused instead of being compared.
   */
  compare(a: Value, b: Value): void {
    if (a === b) return;
    this.charging = "comparison";
    if (isComposite(a)) this.bytesOf(a);
    if (isComposite(b)) this.bytesOf(b);
  }

  /** About the JSON size of `v`; a value beyond the budget is a limit error at once. */
  bytesOf(v: Value | undefined): number {
    if (v === undefined) return 0;
    const flat = flatBytes(v);
    if (flat !== undefined && flat <= this.maxBytes) return flat;
    const n = fold(v, (this.textMeasure ??= bytesMeasure(this.maxBytes)), (this.memo ??= new WeakMap()));
    if (n === undefined) this.exceeded(`${this.charging} of a value of more than ${this.maxBytes} bytes`);
    return n;
  }

  walkBytes(v: Value | undefined): number {
    if (v === undefined) return 0;
    const x = fold(v, walkMeasure(this.maxBytes), (this.walkMemo ??= new WeakMap()));
    if (x === undefined) this.exceeded(`walk of more than ${this.maxBytes} bytes of paths`);
    return 16 * x.nodes + 8 * x.pathItems;
  }

  private exceeded(what: string): never {
    return fail("eval_limit_error", `evaluation exceeded the size limit of ${this.maxBytes} bytes (${what})`);
  }
}
