/**
 * The part of Go's text/template that `strings.render_template` needs: text and `{{ }}` actions
 * with `{{-`/`-}}` trimming and comments; `if`/`else if`/`else`, `range` (with `$i, $v :=`),
 * `with`, variables, field chains (`.a.b`, `$v.a`), pipelines (`x | f`), string/number/bool
 * literals and the functions and, or, not, len, index, eq, ne, lt, le, gt, ge, print, println,
 * printf. Data is what OPA passes: the variables object round-tripped through JSON, so numbers
 * are Go `json.Number` (text, and always true in `if`), sets are arrays, and a missing map key is
 * an error (OPA sets `missingkey=error`). Values print as Go's fmt does (`[a b]`, `map[k:v]`).
 */
import { formatNumber, isNumber, RObject, RSet, type Value } from "../value";
import { builtinError } from "./args";
import { goSprintf, type GoArg } from "./sprintf";

/** A JSON number as Go's json.Number: its text. */
class JSONNumber {
  constructor(readonly text: string) {}
}

type Data = null | boolean | string | JSONNumber | number | Data[] | Map<string, Data>;

export function toTemplateData(v: Value): Data {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (isNumber(v)) return new JSONNumber(formatNumber(v));
  if (Array.isArray(v)) return (v as readonly Value[]).map(toTemplateData);
  if (v instanceof RSet) return v.values().map(toTemplateData);
  if (v instanceof RObject) {
    const m = new Map<string, Data>();
    for (const [k, x] of v.entries()) m.set(typeof k === "string" ? k : JSON.stringify(k), toTemplateData(x));
    return new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return String(v);
}

// ---- parsing

type Node =
  | { k: "text"; text: string }
  | { k: "action"; pipe: Pipe }
  | { k: "if" | "with"; pipe: Pipe; then: Node[]; else: Node[] }
  | { k: "range"; decl: string[]; pipe: Pipe; then: Node[]; else: Node[] };

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Operand[][];
}

type Operand =
  | { k: "dot"; fields: string[] }
  | { k: "var"; name: string; fields: string[] }
  | { k: "lit"; value: Data }
  | { k: "fn"; name: string }
  | { k: "sub"; pipe: Pipe; fields: string[] };

const fail = (msg: string): never => {
  throw builtinError(`template: template: ${msg}`);
};

/** Splits the source into text and action bodies, applying trim markers and dropping comments. */
function lex(src: string): ({ text: string } | { action: string })[] {
  const out: ({ text: string } | { action: string })[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= src.length) {
    const open = src.indexOf("{{", i);
    let text = src.slice(i, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (open < 0) {
      if (text) out.push({ text });
      break;
    }
    let body = open + 2;
    if (src.startsWith("- ", body) || src.startsWith("-\t", body) || src.startsWith("-\n", body)) {
      text = text.replace(/\s+$/, "");
      body += 1;
    }
    if (text) out.push({ text });
    const close = src.indexOf("}}", body);
    if (close < 0) fail("unclosed action");
    let end = close;
    trimNext = false;
    if (/\s-$/.test(src.slice(body, close))) {
      trimNext = true;
      end = close - 1;
    }
    const action = src.slice(body, end).trim();
    if (!/^\/\*[\s\S]*\*\/$/.test(action)) out.push({ action });
    i = close + 2;
  }
  return out;
}

function tokenize(s: string): string[] {
  const toks: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)+'|:=|=|\||\(|\)|,|[^\s|(),]+)/y;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s))) {
    toks.push(m[1]);
    end = re.lastIndex;
  }
  if (s.slice(end).trim() !== "") fail(`bad action: ${s}`);
  return toks;
}

const FIELDS = /^((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/;

function parsePipe(toks: string[], pos = { i: 0 }, close?: string): Pipe {
  const decl: string[] = [];
  let assign = false;
  // `$x :=`, `$i, $v :=`
  const save = pos.i;
  while (toks[pos.i]?.startsWith("$") && (toks[pos.i + 1] === "," || toks[pos.i + 1] === ":=" || toks[pos.i + 1] === "=")) {
    decl.push(toks[pos.i]);
    if (toks[pos.i + 1] === ",") pos.i += 2;
    else {
      assign = toks[pos.i + 1] === "=";
      pos.i += 2;
      break;
    }
  }
  if (decl.length > 0 && toks[pos.i - 1] !== ":=" && toks[pos.i - 1] !== "=") {
    decl.length = 0;
    pos.i = save;
  }
  const cmds: Operand[][] = [[]];
  while (pos.i < toks.length && toks[pos.i] !== close) {
    const t = toks[pos.i++];
    if (t === "|") {
      cmds.push([]);
      continue;
    }
    cmds[cmds.length - 1].push(parseOperand(t, toks, pos));
  }
  if (close) {
    if (toks[pos.i] !== close) fail("unclosed left paren");
    pos.i++;
  }
  if (cmds.some((c) => c.length === 0)) fail("missing value for command");
  return { decl, assign, cmds };
}

function parseOperand(t: string, toks: string[], pos: { i: number }): Operand {
  if (t === "(") {
    const pipe = parsePipe(toks, pos, ")");
    const next = toks[pos.i];
    if (next && FIELDS.test(next)) {
      pos.i++;
      return { k: "sub", pipe, fields: next.slice(1).split(".") };
    }
    return { k: "sub", pipe, fields: [] };
  }
  if (t === ".") return { k: "dot", fields: [] };
  if (FIELDS.test(t)) return { k: "dot", fields: t.slice(1).split(".") };
  if (t.startsWith("$")) {
    const [name, ...fields] = t.split(".");
    return { k: "var", name, fields };
  }
  if (t.startsWith('"')) return { k: "lit", value: JSON.parse(t) as string };
  if (t.startsWith("`")) return { k: "lit", value: t.slice(1, -1) };
  if (t === "true" || t === "false") return { k: "lit", value: t === "true" };
  if (t === "nil") return { k: "lit", value: null };
  if (/^[-+]?(\d|\.\d)/.test(t)) {
    const n = Number(t);
    if (Number.isNaN(n)) fail(`bad number syntax: "${t}"`);
    return { k: "lit", value: n };
  }
  if (/^[A-Za-z_]\w*$/.test(t)) {
    if (!(t in FUNCS)) fail(`function "${t}" not defined`);
    return { k: "fn", name: t };
  }
  return fail(`unexpected "${t}" in command`);
}

function parse(src: string): Node[] {
  const items = lex(src);
  let i = 0;
  type Block = { nodes: Node[]; stop: string; elseIf?: string[] };
  const control = (word: "if" | "with" | "range", toks: string[]): Node => {
    const pipe = parsePipe(toks);
    const then = block(["else", "end"]);
    // `{{else if p}}` is an else branch holding one `if` that ends at the same {{end}}
    const otherwise = then.stop === "else" ? block(["end"]).nodes : then.elseIf ? [control("if", then.elseIf)] : [];
    if (word === "range") return { k: "range", decl: pipe.decl, pipe: { ...pipe, decl: [] }, then: then.nodes, else: otherwise };
    return { k: word, pipe, then: then.nodes, else: otherwise };
  };
  const block = (stopAt: string[]): Block => {
    const nodes: Node[] = [];
    while (i < items.length) {
      const it = items[i++];
      if ("text" in it) {
        nodes.push({ k: "text", text: it.text });
        continue;
      }
      const [word, ...rest] = tokenize(it.action);
      if (word === "end" || word === "else") {
        if (!stopAt.includes(word)) fail(`unexpected {{${word}}}`);
        if (word === "else" && rest[0] === "if") return { nodes, stop: "else if", elseIf: rest.slice(1) };
        return { nodes, stop: word };
      }
      if (word === "if" || word === "with" || word === "range") nodes.push(control(word, rest));
      else nodes.push({ k: "action", pipe: parsePipe([word, ...rest]) });
    }
    if (stopAt.length > 0) fail("unexpected EOF");
    return { nodes, stop: "" };
  };
  return block([]).nodes;
}

// ---- execution

type Scope = Map<string, Data>;

const isTrue = (v: Data): boolean =>
  v === null ? false : typeof v === "boolean" ? v : typeof v === "number" ? v !== 0 : typeof v === "string" ? v !== "" : v instanceof JSONNumber ? true : Array.isArray(v) ? v.length > 0 : v.size > 0;

/** fmt.Sprint of a value (`<nil>` inside composites, `<no value>` at the top). */
function show(v: Data, top = true): string {
  if (v === null) return top ? "<no value>" : "<nil>";
  if (v instanceof JSONNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, false)).join(" ")}]`;
  if (v instanceof Map) return `map[${[...v].map(([k, x]) => `${k}:${show(x, false)}`).join(" ")}]`;
  return String(v);
}

function field(v: Data, name: string): Data {
  if (v instanceof Map) {
    if (!v.has(name)) fail(`executing "template" at <.${name}>: map has no entry for key "${name}"`);
    return v.get(name)!;
  }
  if (v === null) return null;
  return fail(`executing "template" at <.${name}>: can't evaluate field ${name} in type ${goType(v)}`);
}

const goType = (v: Data): string =>
  v instanceof JSONNumber ? "json.Number" : Array.isArray(v) ? "[]interface {}" : v instanceof Map ? "map[string]interface {}" : typeof v === "number" ? "int" : typeof v === "boolean" ? "bool" : "string";

const basic = (v: Data): string | number | boolean | null => (v instanceof JSONNumber ? v.text : v instanceof Map || Array.isArray(v) ? fail("incompatible types for comparison") : v);

function compare(a: Data, b: Data): number {
  const x = basic(a);
  const y = basic(b);
  if (typeof x !== typeof y) fail("incompatible types for comparison");
  return x! < y! ? -1 : x! > y! ? 1 : 0;
}

const toGo = (v: Data): GoArg =>
  typeof v === "number" ? (Number.isInteger(v) ? { t: "int", v: BigInt(v) } : { t: "float", v }) : { t: "string", v: typeof v === "string" ? v : show(v) };

type Fn = (args: Data[]) => Data;
const FUNCS: Record<string, Fn> = {
  not: ([a]) => !isTrue(a),
  and: (xs) => xs.find((x) => !isTrue(x)) ?? xs[xs.length - 1],
  or: (xs) => xs.find((x) => isTrue(x)) ?? xs[xs.length - 1],
  len: ([a]) => (typeof a === "string" ? Buffer.byteLength(a) : Array.isArray(a) ? a.length : a instanceof Map ? a.size : fail(`len of type ${goType(a)}`)),
  index: ([a, ...ks]) =>
    ks.reduce<Data>((acc, k) => {
      if (Array.isArray(acc) && typeof k === "number") return acc[k] ?? fail(`index out of range: ${k}`);
      if (acc instanceof Map && typeof k === "string") return acc.get(k) ?? null;
      return fail(`can't index item of type ${goType(acc)}`);
    }, a),
  eq: ([a, ...bs]) => bs.some((b) => compare(a, b) === 0),
  ne: ([a, b]) => compare(a, b) !== 0,
  lt: ([a, b]) => compare(a, b) < 0,
  le: ([a, b]) => compare(a, b) <= 0,
  gt: ([a, b]) => compare(a, b) > 0,
  ge: ([a, b]) => compare(a, b) >= 0,
  // Go's Sprint puts spaces only between operands when neither is a string
  print: (xs) => xs.map((x, i) => (i > 0 && typeof x !== "string" && typeof xs[i - 1] !== "string" ? " " : "") + show(x, false)).join(""),
  println: (xs) => xs.map((x) => show(x, false)).join(" ") + "\n",
  printf: ([f, ...xs]) => goSprintf(typeof f === "string" ? f : show(f), xs.map(toGo)),
};

function evalOperand(o: Operand, dot: Data, scope: Scope): Data {
  switch (o.k) {
    case "lit":
      return o.value;
    case "dot":
      return o.fields.reduce(field, dot);
    case "var": {
      if (!scope.has(o.name)) fail(`undefined variable: ${o.name}`);
      return o.fields.reduce(field, scope.get(o.name)!);
    }
    case "sub":
      return o.fields.reduce(field, evalPipe(o.pipe, dot, scope));
    case "fn":
      return FUNCS[o.name]([]);
  }
}

function evalPipe(p: Pipe, dot: Data, scope: Scope): Data {
  let prev: Data | undefined;
  for (const cmd of p.cmds) {
    const [head, ...rest] = cmd;
    const extra = prev === undefined ? [] : [prev];
    if (head.k === "fn") prev = FUNCS[head.name]([...rest.map((o) => evalOperand(o, dot, scope)), ...extra]);
    else {
      if (rest.length > 0 || extra.length > 0) fail(`can't give argument to non-function ${show(evalOperand(head, dot, scope))}`);
      prev = evalOperand(head, dot, scope);
    }
  }
  for (const name of p.decl) scope.set(name, prev!);
  return prev!;
}

function exec(nodes: Node[], dot: Data, scope: Scope, out: string[]): void {
  for (const n of nodes) {
    switch (n.k) {
      case "text":
        out.push(n.text);
        break;
      case "action": {
        const v = evalPipe(n.pipe, dot, scope);
        if (n.pipe.decl.length === 0) out.push(show(v));
        break;
      }
      case "if":
      case "with": {
        const v = evalPipe(n.pipe, dot, new Map(scope));
        if (isTrue(v)) exec(n.then, n.k === "with" ? v : dot, new Map(scope), out);
        else exec(n.else, dot, new Map(scope), out);
        break;
      }
      case "range": {
        const v = evalPipe(n.pipe, dot, new Map(scope));
        const items: [Data, Data][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : v instanceof Map ? [...v] : v === null ? [] : fail(`range can't iterate over ${show(v)}`);
        if (items.length === 0) exec(n.else, dot, new Map(scope), out);
        for (const [k, x] of items) {
          const inner = new Map(scope);
          if (n.decl.length === 1) inner.set(n.decl[0], x);
          if (n.decl.length === 2) inner.set(n.decl[0], k).set(n.decl[1], x);
          exec(n.then, x, inner, out);
        }
        break;
      }
    }
  }
}

/** Renders `src` with `data` as `.` (and `$`), as Go's text/template Execute does. */
export function renderGoTemplate(src: string, data: Data): string {
  const out: string[] = [];
  exec(parse(src), data, new Map([["$", data]]), out);
  return out.join("");
}
