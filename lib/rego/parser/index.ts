/**
 * Recursive-descent parser for Rego v1 modules, queries and terms.
 * Bodies are newline-sensitive (newline or `;` separates expressions); inside brackets and
 * parentheses newlines are plain whitespace.
 */
import { termTypeName, type Expr, type ElseClause, type Import, type Loc, type Module, type Rule, type Term, type With } from "../ast";
import { fail, RegoFailure } from "../errors";
import { tokenize, type Token } from "../lexer";
import { parseNumberLiteral } from "../value";
import { FUTURE_KEYWORDS, V0, V1, type Dialect } from "./keywords";


const RELATION: Record<string, string> = { "==": "equal", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte" };
const ARITH: Record<string, string> = { "+": "plus", "-": "minus" };
const FACTOR: Record<string, string> = { "*": "mul", "/": "div", "%": "rem" };

class Parser {
  private i = 0;
  /** Stack: true when newlines end expressions (body level), false inside brackets. */
  private nlStop: boolean[] = [true];
  private readonly toks: Token[];
  /** The dialect's keywords, plus those a v0 module imports from `future.keywords`. */
  private readonly keywords: Set<string>;
  /** v1 rules apply: a v1 module, or a v0 one that imports `rego.v1` (OPA's v0-compatible-with-v1 mode). */
  private v1 = false;
  /**
   * The last reference whose "." ended a line, joining the next line onto it. A parse error on
   * that next line is caused by the stray dot, so it is reported at the dot, not a line late.
   */
  private lineJoin: { dot: Token; next: Token } | null = null;

  constructor(
    private readonly src: string,
    private readonly file: string,
    private readonly dialect: Dialect = V1,
  ) {
    this.toks = tokenize(src, file);
    this.keywords = new Set(dialect.keywords);
    this.v1 = dialect.requireIf;
  }

  // ---- token helpers ----
  private get tok(): Token {
    return this.toks[this.i];
  }
  private peek(o = 1): Token {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private loc(t: Token = this.tok): Loc {
    return { file: this.file, row: t.row, col: t.col };
  }
  private isOp(text: string, t: Token = this.tok): boolean {
    return t.kind === "op" && t.text === text;
  }
  private isKw(text: string, t: Token = this.tok): boolean {
    return t.kind === "ident" && t.text === text && this.keywords.has(text);
  }
  private next(): Token {
    const t = this.tok;
    if (t.kind !== "eof") this.i++;
    return t;
  }
  private error(msg: string, t: Token = this.tok): never {
    const join = this.lineJoin;
    if (join && t.row === join.next.row && t.pos >= join.next.pos) {
      fail("rego_parse_error", `${msg} on line ${t.row}: the "." ending line ${join.dot.row} continues the reference onto the next line; remove the trailing dot`, this.loc(join.dot));
    }
    fail("rego_parse_error", msg, this.loc(t));
  }
  private unexpected(t: Token = this.tok): never {
    if (t.kind === "eof") this.error("unexpected eof token", t);
    const what = t.kind === "op" ? `${t.text} token` : t.kind === "ident" ? (this.keywords.has(t.text) ? `${t.text} keyword` : `ident token`) : `${t.kind} token`;
    this.error(`unexpected ${what}`, t);
  }
  private expectOp(text: string): Token {
    if (!this.isOp(text)) this.error(`expected ${text} but got ${this.describe()}`);
    return this.next();
  }
  private describe(t: Token = this.tok): string {
    return t.kind === "eof" ? "end of input" : t.kind === "op" ? `'${t.text}'` : t.kind === "string" ? "string" : `'${t.text}'`;
  }
  private withNl<T>(stop: boolean, f: () => T): T {
    this.nlStop.push(stop);
    try {
      return f();
    } finally {
      this.nlStop.pop();
    }
  }
  private get nlSensitive(): boolean {
    return this.nlStop[this.nlStop.length - 1];
  }
  /** The token continues the current term/expression (not separated by a body-level newline). */
  private cont(t: Token = this.tok): boolean {
    return !(t.nl && this.nlSensitive);
  }

  // ---- module ----
  parseModule(): Module {
    if (!this.isKw("package")) this.error("package expected");
    const pkgLoc = this.loc();
    this.next();
    const pkg = this.parseRefOnly();
    const imports: Import[] = [];
    const rules: Rule[] = [];
    while (this.isKw("import")) {
      const l = this.loc();
      this.next();
      const path = this.parseRefOnly();
      let alias: string | undefined;
      if (this.isKw("as")) {
        this.next();
        const a = this.next();
        if (a.kind !== "ident") this.unexpected(a);
        alias = a.text;
      }
      imports.push({ path, alias, loc: l });
      if (this.dialect.name === "v0") this.enableFutureKeywords(path);
      this.endOfStatement();
    }
    while (this.tok.kind !== "eof") {
      if (this.isKw("import")) this.error("unexpected import keyword: imports must come before rules");
      if (this.isKw("package")) this.error("unexpected package keyword");
      rules.push(this.parseRule());
    }
    return { file: this.file, pkg, pkgLoc, imports, rules, v1: this.v1 };
  }

  private enableFutureKeywords(path: Term): void {
    const segs = path.type === "ref" ? [path.head, ...path.path] : [path];
    const names = segs.map((t) => (t.type === "var" ? t.name : t.type === "scalar" ? String(t.value) : ""));
    if (names[0] === "rego" && names[1] === "v1") {
      for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
      this.v1 = true;
    }
    if (names[0] === "future" && names[1] === "keywords") {
      if (names.length === 2) for (const k of FUTURE_KEYWORDS) this.keywords.add(k);
      else if (FUTURE_KEYWORDS.includes(names[2])) {
        this.keywords.add(names[2]);
        // `every x in xs` needs `in`: OPA's every import brings it along
        if (names[2] === "every") this.keywords.add("in");
      }
    }
  }

  private endOfStatement(): void {
    if (this.isOp(";")) {
      this.next();
      return;
    }
    if (this.tok.kind !== "eof" && !this.tok.nl) this.unexpected();
  }

  /** A ref of `.name` / `["str"]` segments, for package and import paths. */
  private parseRefOnly(): Term {
    const t = this.next();
    if (t.kind !== "ident") this.unexpected(t);
    const head: Term = { type: "var", name: t.text, loc: this.loc(t) };
    const path: Term[] = [];
    for (;;) {
      if (this.isOp(".") && this.cont()) {
        this.next();
        const n = this.next();
        if (n.kind !== "ident") this.unexpected(n);
        path.push({ type: "scalar", value: n.text, loc: this.loc(n) });
      } else if (this.isOp("[") && this.cont() && !this.tok.nl) {
        this.next();
        const s = this.next();
        if (s.kind !== "string" && s.kind !== "rawstring") this.unexpected(s);
        path.push({ type: "scalar", value: s.text, loc: this.loc(s) });
        this.expectOp("]");
      } else break;
    }
    return path.length ? { type: "ref", head, path, loc: head.loc } : head;
  }

  private parseRule(): Rule {
    const start = this.tok;
    let isDefault = false;
    if (this.isKw("default")) {
      isDefault = true;
      this.next();
    }
    const nameTok = this.tok;
    if (nameTok.kind !== "ident" || this.keywords.has(nameTok.text)) this.unexpected();
    const ref = this.parseHeadRef();
    let args: Term[] | undefined;
    if (this.isOp("(") && !this.tok.nl) {
      this.next();
      args = this.withNl(false, () => this.parseList(")"));
      // as OPA's parser: `f() := 1` has no arguments, so it is the rule `f := 1`, not a function
      if (args.length === 0) args = undefined;
    }
    let contains: Term | undefined;
    let value: Term | undefined;
    let assign = false;
    if (this.isKw("contains") && this.cont()) {
      this.next();
      contains = this.parseTermTop();
    } else if ((this.isOp("=") || this.isOp(":=")) && this.cont()) {
      assign = this.next().text === ":=";
      value = this.parseTermTop();
    }
    const loc = this.loc(start);
    let headRef = ref;
    if (!this.v1 && !args && !contains && !value && !isDefault && ref.type === "ref" && ref.path.length === 1 && !this.isKw("if")) {
      // v0: `p[x] { ... }` (and `p.a { ... }`) is a partial set; with `if` it is a single-value rule, as OPA's parser
      contains = ref.path[0];
      headRef = ref.head;
    }
    if (isDefault) {
      if (!value) this.error("illegal default rule (must have a value)", start);
      this.checkDefault(value, args, start);
      return { loc, isDefault, ref, args, value, assign, body: [], elses: [] };
    }
    let body: Expr[];
    if (this.isKw("if") && this.cont()) {
      this.next();
      body = this.parseRuleBody();
    } else if (this.isOp("{") && this.cont()) {
      if (this.v1) this.error("`if` keyword is required before rule body");
      body = this.parseBraceBody();
    } else {
      body = [this.trueExpr(loc)];
    }
    const elses: ElseClause[] = [];
    while (this.isKw("else")) {
      const el = this.loc();
      this.next();
      let ev: Term | undefined;
      if (this.isOp("=") || this.isOp(":=")) {
        this.next();
        ev = this.parseTermTop();
      }
      let eb: Expr[];
      if (this.isKw("if") && this.cont()) {
        this.next();
        eb = this.parseRuleBody();
      } else if (this.isOp("{") && this.cont()) {
        if (this.v1) this.error("`if` keyword is required before rule body");
        eb = this.parseBraceBody();
      } else eb = [this.trueExpr(el)];
      elses.push({ value: ev, body: eb, loc: el });
    }
    if (this.tok.kind !== "eof" && !this.tok.nl && !this.isOp(";")) this.unexpected();
    if (this.isOp(";")) this.next();
    return { loc, isDefault, ref: headRef, args, contains, value, assign, body, elses };
  }

  /** As OPA's parser: a default value is a constant (comprehensions aside), default arguments are distinct vars. */
  private checkDefault(value: Term, args: readonly Term[] | undefined, start: Token): void {
    const walk = (t: Term): void => {
      switch (t.type) {
        case "var":
        case "ref":
        case "call":
        case "member":
          this.error(`illegal default rule (value cannot contain ${termTypeName(t)})`, start);
        case "array":
        case "set":
          return t.items.forEach(walk);
        case "object":
          return t.entries.forEach(([k, v]) => (walk(k), walk(v)));
        default:
          return;
      }
    };
    walk(value);
    const seen = new Set<string>();
    for (const a of args ?? []) {
      if (a.type !== "var") this.error(`illegal default rule (arguments cannot contain ${termTypeName(a)})`, start);
      if (a.name !== "_" && seen.has(a.name)) this.error(`illegal default rule (arguments cannot be repeated ${a.name})`, start);
      seen.add(a.name);
    }
  }

  private trueExpr(loc: Loc): Expr {
    return { type: "term", term: { type: "scalar", value: true, loc }, with: [], loc, text: "true" };
  }

  private parseHeadRef(): Term {
    const t = this.next();
    const head: Term = { type: "var", name: t.text, loc: this.loc(t) };
    const path: Term[] = [];
    for (;;) {
      if (this.isOp(".") && !this.tok.nl) {
        this.next();
        const n = this.next();
        if (n.kind !== "ident") this.unexpected(n);
        path.push({ type: "scalar", value: n.text, loc: this.loc(n) });
      } else if (this.isOp("[") && !this.tok.nl) {
        this.next();
        path.push(this.withNl(false, () => this.parseTermTop()));
        this.expectOp("]");
      } else break;
    }
    return path.length ? { type: "ref", head, path, loc: head.loc } : head;
  }

  /** After `if`: a braced body, or a single expression (possibly with `with`). */
  private parseRuleBody(): Expr[] {
    if (this.isOp("{")) {
      // `if {` starts a body, unless it is an object/set (comprehension) used as the single expression
      const save = this.i;
      try {
        return this.parseBraceBody();
      } catch (e) {
        this.i = save;
        try {
          return [this.parseExpr()];
        } catch {
          throw e;
        }
      }
    }
    return [this.parseExpr()];
  }

  private parseBraceBody(): Expr[] {
    this.expectOp("{");
    const body = this.withNl(true, () => this.parseBodyUntil("}"));
    this.expectOp("}");
    if (body.length === 0) this.error("found empty body");
    return body;
  }

  /** Expressions separated by newlines or `;` until the closing token (not consumed). */
  private parseBodyUntil(close: string | null): Expr[] {
    const out: Expr[] = [];
    for (;;) {
      while (this.isOp(";")) this.next();
      if (close === null ? this.tok.kind === "eof" : this.isOp(close)) break;
      if (this.tok.kind === "eof") this.unexpected();
      out.push(this.parseExpr());
      if (close === null ? (this.tok as Token).kind === "eof" : this.isOp(close)) break;
      if (this.isOp(";")) continue;
      if (!this.tok.nl) this.unexpected();
    }
    return out;
  }

  // ---- expressions ----
  parseExpr(): Expr {
    const start = this.tok;
    const loc = this.loc(start);
    let e: Expr;
    if (this.isKw("not")) {
      this.next();
      const inner = this.parseExprNoWith();
      e = { type: "not", expr: inner, with: [], loc, text: "" };
    } else {
      e = this.parseExprNoWith();
    }
    const withs: With[] = [];
    while (this.isKw("with")) {
      const wl = this.loc();
      this.next();
      const target = this.parseTermPostfix();
      if (!this.isKw("as")) this.error("expected as keyword");
      this.next();
      const value = this.parseTermIn(false);
      withs.push({ target, value, loc: wl });
    }
    const text = this.src.slice(start.pos, this.toks[this.i - 1].end);
    return { ...e, with: withs, text } as Expr;
  }

  private parseExprNoWith(): Expr {
    const start = this.tok;
    const loc = this.loc(start);
    const text = "";
    if (this.isKw("some")) {
      this.next();
      const first = this.parseTermRelation();
      if (this.isKw("in") && this.cont()) {
        this.next();
        return { type: "somein", value: first, coll: this.parseTermRelation(), with: [], loc, text };
      }
      const vars: Term[] = [first];
      while (this.isOp(",") && this.cont()) {
        this.next();
        vars.push(this.parseTermRelation());
        if (vars.length === 2 && this.isKw("in") && this.cont()) {
          this.next();
          return { type: "somein", key: vars[0], value: vars[1], coll: this.parseTermRelation(), with: [], loc, text };
        }
      }
      for (const v of vars) if (v.type !== "var") this.error("expected var in some declaration", start);
      return { type: "some", vars, with: [], loc, text };
    }
    if (this.isKw("every")) {
      this.next();
      let key: Term | undefined;
      let value = this.parseTermRelation();
      if (this.isOp(",")) {
        this.next();
        key = value;
        value = this.parseTermRelation();
      }
      if (!this.isKw("in")) this.error("expected in keyword after every");
      this.next();
      const coll = this.parseTermRelation();
      const body = this.parseBraceBodyAllowEmpty();
      return { type: "every", key, value, coll, body, with: [], loc, text };
    }
    const lhs = this.parseTermIn(true);
    if ((this.isOp("=") || this.isOp(":=")) && this.cont()) {
      const op = this.next().text;
      const rhs = this.parseTermIn(false);
      return op === "=" ? { type: "unify", lhs, rhs, with: [], loc, text } : { type: "assign", lhs, rhs, with: [], loc, text };
    }
    // OPA's AST has one form for `x = 1` and `eq(x, 1)` (and `x := 1`, `assign(x, 1)`), so the call forms are these expressions
    if (lhs.type === "call" && lhs.fn.type === "var" && lhs.args.length === 2 && (lhs.fn.name === "eq" || lhs.fn.name === "assign")) {
      const [a, b] = lhs.args;
      return { type: lhs.fn.name === "eq" ? "unify" : "assign", lhs: a, rhs: b, with: [], loc, text };
    }
    return { type: "term", term: lhs, with: [], loc, text };
  }

  private parseBraceBodyAllowEmpty(): Expr[] {
    this.expectOp("{");
    const body = this.withNl(true, () => this.parseBodyUntil("}"));
    this.expectOp("}");
    return body;
  }

  // ---- terms ----
  parseTermTop(): Term {
    return this.parseTermIn(false);
  }

  /** `a in b` (lowest precedence); with keyVal also `k, v in b`. */
  private parseTermIn(keyVal: boolean, inSome = false): Term {
    let lhs = this.parseTermRelation();
    if (keyVal && this.isOp(",") && this.cont()) {
      // `k, v in xs` only if an `in` follows the second term
      const save = this.i;
      this.next();
      const mid = this.parseTermRelation();
      if (this.isKw("in") && this.cont()) {
        const l = this.loc();
        this.next();
        const coll = this.parseTermRelation();
        let t: Term = { type: "member", key: lhs, value: mid, coll, loc: lhs.loc };
        while (this.isKw("in") && this.cont()) {
          this.next();
          t = { type: "member", value: t, coll: this.parseTermRelation(), loc: l };
        }
        return t;
      }
      this.i = save;
    }
    while (this.isKw("in") && this.cont()) {
      if (inSome) {
        this.next();
        const coll = this.parseTermRelation();
        return { type: "member", value: lhs, coll, loc: lhs.loc };
      }
      this.next();
      const coll = this.parseTermRelation();
      lhs = { type: "member", value: lhs, coll, loc: lhs.loc };
    }
    return lhs;
  }

  private binary(next: () => Term, ops: Record<string, string>): Term {
    let lhs = next();
    while (this.tok.kind === "op" && ops[this.tok.text] !== undefined && this.cont()) {
      const opTok = this.next();
      const rhs = next();
      lhs = {
        type: "call",
        fn: { type: "var", name: ops[opTok.text], loc: this.loc(opTok) },
        args: [lhs, rhs],
        loc: lhs.loc,
        infix: opTok.text,
      };
    }
    return lhs;
  }

  private noOr = false;

  parseTermRelation(): Term {
    return this.binary(() => this.parseTermOr(), RELATION);
  }
  private parseTermOr(): Term {
    if (this.noOr) return this.parseTermAnd();
    return this.binary(() => this.parseTermAnd(), { "|": "or" });
  }
  private parseTermAnd(): Term {
    return this.binary(() => this.parseTermArith(), { "&": "and" });
  }
  private parseTermArith(): Term {
    return this.binary(() => this.parseTermFactor(), ARITH);
  }
  private parseTermFactor(): Term {
    return this.binary(() => this.parseTermUnary(), FACTOR);
  }
  private parseTermUnary(): Term {
    if (this.isOp("-")) {
      const m = this.next();
      const nt = this.tok;
      if (nt.kind === "number" && nt.pos === m.end) {
        this.next();
        const v = parseNumberLiteral("-" + nt.text);
        if (v === undefined) this.error("invalid number", nt);
        return this.parsePostfix({ type: "scalar", value: v, loc: this.loc(m) });
      }
      const t = this.parseTermUnary();
      return {
        type: "call",
        fn: { type: "var", name: "minus", loc: this.loc(m) },
        args: [{ type: "scalar", value: 0, loc: this.loc(m) }, t],
        loc: this.loc(m),
        infix: "-",
      };
    }
    return this.parseTermPostfix();
  }

  private parseTermPostfix(): Term {
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(t: Term): Term {
    const path: Term[] = t.type === "ref" ? [...t.path] : [];
    let head: Term = t.type === "ref" ? t.head : t;
    const mk = (): Term => (path.length ? { type: "ref", head, path: [...path], loc: head.loc } : head);
    for (;;) {
      const tk = this.tok;
      if (this.isOp(".") && tk.pos === this.toks[this.i - 1].end) {
        this.next();
        const n = this.next();
        if (n.nl) this.lineJoin = { dot: tk, next: n };
        if (n.kind !== "ident") this.unexpected(n);
        path.push({ type: "scalar", value: n.text, loc: this.loc(n) });
      } else if (this.isOp("[") && tk.pos === this.toks[this.i - 1].end) {
        this.next();
        path.push(this.withNl(false, () => this.withNoOr(false, () => this.parseTermTop())));
        this.expectOp("]");
      } else if (this.isOp("(") && tk.pos === this.toks[this.i - 1].end && (head.type === "var" || head.type === "ref")) {
        const fn = mk();
        if (fn.type === "ref" && fn.path.some((p) => p.type !== "scalar" || typeof p.value !== "string")) this.unexpected();
        this.next();
        const args = this.withNl(false, () => this.withNoOr(false, () => this.parseList(")")));
        let call: Term = { type: "call", fn, args, loc: fn.loc };
        if (fn.type === "var" && fn.name === "set" && args.length === 0) call = { type: "set", items: [], loc: fn.loc };
        head = call;
        path.length = 0;
      } else break;
    }
    return mk();
  }

  private withNoOr<T>(v: boolean, f: () => T): T {
    const s = this.noOr;
    this.noOr = v;
    try {
      return f();
    } finally {
      this.noOr = s;
    }
  }

  private parseList(close: string): Term[] {
    const out: Term[] = [];
    while (!this.isOp(close)) {
      out.push(this.parseTermTop());
      if (this.isOp(",")) this.next();
      else if (!this.isOp(close)) this.unexpected();
    }
    this.next();
    return out;
  }

  private parsePrimary(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    switch (t.kind) {
      case "number": {
        this.next();
        const v = parseNumberLiteral(t.text);
        if (v === undefined) this.error("invalid number", t);
        return { type: "scalar", value: v, loc };
      }
      case "string":
      case "rawstring":
        this.next();
        return { type: "scalar", value: t.text, loc };
      case "ident": {
        if (this.keywords.has(t.text) && !(t.text === "contains" && this.isOp("(", this.peek()))) {
          if (t.text === "true" || t.text === "false") {
            this.next();
            return { type: "scalar", value: t.text === "true", loc };
          }
          if (t.text === "null") {
            this.next();
            return { type: "scalar", value: null, loc };
          }
          this.unexpected();
        }
        this.next();
        return { type: "var", name: t.text, loc };
      }
      case "op":
        break;
      default:
        this.unexpected();
    }
    if (t.text === "(") {
      this.next();
      const inner = this.withNl(false, () => this.withNoOr(false, () => this.parseTermIn(true)));
      this.expectOp(")");
      return inner;
    }
    if (t.text === "[") {
      this.next();
      const listStart = this.i;
      return this.withNl(false, () => {
        if (this.isOp("]")) {
          this.next();
          return { type: "array", items: [], loc } as Term;
        }
        const first = this.withNoOr(true, () => this.parseTermTop());
        if (this.isOp("|")) {
          const body = this.comprehensionBody("]", listStart);
          if (body) return { type: "arraycompr", head: first, body, loc } as Term;
          return { type: "array", items: this.withNoOr(false, () => this.parseList("]")), loc } as Term;
        }
        const items = [first];
        if (this.isOp(",")) {
          this.next();
          items.push(...this.withNoOr(false, () => this.parseList("]")));
        } else this.expectOp("]");
        return { type: "array", items, loc } as Term;
      });
    }
    if (t.text === "{") {
      this.next();
      const listStart = this.i;
      return this.withNl(false, () => {
        if (this.isOp("}")) {
          this.next();
          return { type: "object", entries: [], loc } as Term;
        }
        const first = this.withNoOr(true, () => this.parseTermTop());
        if (this.isOp(":")) {
          this.next();
          const v = this.withNoOr(true, () => this.parseTermTop());
          if (this.isOp("|")) {
            this.next();
            const body = this.withNl(true, () => this.withNoOr(false, () => this.parseBodyUntil("}")));
            this.expectOp("}");
            return { type: "objectcompr", key: first, value: v, body, loc } as Term;
          }
          const entries: [Term, Term][] = [[first, v]];
          this.withNoOr(false, () => {
            while (this.isOp(",")) {
              this.next();
              if (this.isOp("}")) break;
              const k = this.parseTermTop();
              this.expectOp(":");
              entries.push([k, this.parseTermTop()]);
            }
          });
          this.expectOp("}");
          return { type: "object", entries, loc } as Term;
        }
        if (this.isOp("|")) {
          const body = this.comprehensionBody("}", listStart);
          if (body) return { type: "setcompr", head: first, body, loc } as Term;
          return { type: "set", items: this.withNoOr(false, () => this.parseList("}")), loc } as Term;
        }
        const items = [first];
        if (this.isOp(",")) {
          this.next();
          items.push(...this.withNoOr(false, () => this.parseList("}")));
        } else this.expectOp("}");
        return { type: "set", items, loc } as Term;
      });
    }
    this.unexpected();
  }

  /**
   * After `[x` / `{x` at a `|`: the comprehension body and its closing bracket. As OPA's parser, a
   * body that stops at a comma means the brackets hold a list whose first item is `x | y`
   * (`[x | y, 5]`): then it rewinds to `listStart` and returns undefined.
   */
  private comprehensionBody(close: string, listStart: number): Expr[] | undefined {
    this.expectOp("|");
    try {
      const body = this.withNl(true, () => this.withNoOr(false, () => this.parseBodyUntil(close)));
      this.expectOp(close);
      return body;
    } catch (e) {
      if (!(e instanceof RegoFailure) || !this.isOp(",")) throw e;
      this.i = listStart;
      return undefined;
    }
  }

  parseQueryBody(): Expr[] {
    const body = this.parseBodyUntil(null);
    if (body.length === 0) this.error("empty query");
    return body;
  }

  parseSingleTerm(): Term {
    const t = this.withNl(false, () => this.parseTermTop());
    if (this.tok.kind !== "eof") this.unexpected();
    return t;
  }
}

export function parseModule(src: string, file: string, version: "v0" | "v1" = "v1"): Module {
  return new Parser(src, file, version === "v0" ? V0 : V1).parseModule();
}

export function parseQuery(src: string, file = "query"): Expr[] {
  return new Parser(src, file).parseQueryBody();
}

export function parseTerm(src: string, file = "term"): Term {
  return new Parser(src, file).parseSingleTerm();
}

