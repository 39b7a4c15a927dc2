/**
 * `net.cidr_*`: CIDR and address tests with OPA's rules and messages (OPA parses with Go's
 * `net.ParseCIDR` / `net.ParseIP`; see `ipnet.ts`). `net.lookup_ip_addr` needs DNS, so it lives
 * with the other network builtins in `http.ts`.
 */
import { RObject, RSet, type Value } from "../value";
import { argString, builtinError, operandTypeError } from "./args";
import {
  contains,
  defaultPrefix,
  firstIP,
  formatCIDR,
  formatIP,
  lastIP,
  parseCIDR,
  parseIP,
  rangeToCIDRs,
  type CIDR,
} from "./ipnet";
import type { BuiltinContext, BuiltinDef } from "./registry";
import { T } from "./types";

/** Longest `net.cidr_expand` result; OPA stops a long one with its cancel, a sync builtin can't. */
export const MAX_EXPAND = 1_000_000;

function cidrOperand(args: readonly Value[], i: number): CIDR {
  const s = argString(args, i);
  const c = parseCIDR(s);
  if (!c) throw builtinError(`invalid CIDR address: ${s}`);
  return c;
}

/** `a` contains `b`, an address or a block (its first and last address). */
function cidrContains(a: CIDR, b: string): boolean {
  const ip = parseIP(b);
  if (ip) return contains(a, ip);
  const net = parseCIDR(b);
  if (!net) throw builtinError(`not a valid textual representation of an IP address or CIDR: ${b}`);
  return contains(a, net.ip) && contains(a, { bits: net.ip.bits, value: lastIP(net) });
}

/** The (cidr, key) pairs of a `net.cidr_contains_matches` operand, in OPA's order. */
function matchOperand(v: Value, pos: number): [string, Value][] {
  const cidrOf = (x: Value): Value => {
    if (typeof x === "string") return x;
    if (Array.isArray(x) && x.length > 0) return x[0];
    throw builtinError(`operand ${pos}: element must be string or non-empty array`);
  };
  const pairs: [Value, Value][] =
    typeof v === "string"
      ? [[v, v]]
      : Array.isArray(v)
        ? v.map((x, i) => [cidrOf(x), i])
        : v instanceof RSet
          ? v.values().map((x) => [cidrOf(x), x])
          : v instanceof RObject
            ? v.entries().map(([k, x]) => [cidrOf(x), k])
            : [];
  return pairs.map(([c, k]) => {
    if (typeof c !== "string") throw operandTypeError(1, c, "string");
    return [c, k];
  });
}

/** OPA's net.cidr_merge element: a block, or a bare IPv4 address widened to its classful mask. */
function mergeElement(x: Value): CIDR {
  if (typeof x !== "string") throw builtinError("element must be string");
  const ip = parseIP(x);
  if (!ip) {
    const c = parseCIDR(x);
    if (!c) throw builtinError(`invalid CIDR address: ${x}`);
    return c;
  }
  if (ip.bits === 128) throw builtinError("IPv6 invalid: needs prefix length");
  return { ip, prefix: defaultPrefix(ip) };
}

interface Range {
  first: bigint;
  last: bigint;
  /** The block itself while it is not merged with another (printed as given, as Go does). */
  net?: CIDR;
}

function mergeFamily(bits: 32 | 128, nets: CIDR[]): string[] {
  const ranges: Range[] = nets.map((n) => ({ first: firstIP(n), last: lastIP(n), net: n }));
  ranges.sort((a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = ranges.length - 1; i > 0; i--) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (cur.first - 1n <= prev.last) {
      ranges[i - 1] = { first: prev.first < cur.first ? prev.first : cur.first, last: cur.last };
      ranges.splice(i, 1);
    }
  }
  return ranges.flatMap((r) => (r.net ? [formatCIDR(r.net)] : rangeToCIDRs(bits, r.first, r.last).map(formatCIDR)));
}

function expand(c: CIDR, ctx: BuiltinContext): RSet {
  const size = lastIP(c) - firstIP(c) + 1n;
  ctx.charge?.(size > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(size), `net.cidr_expand of ${size} addresses`);
  if (size > BigInt(MAX_EXPAND)) throw builtinError(`CIDR of more than ${MAX_EXPAND} addresses`);
  const out: Value[] = [];
  for (let v = firstIP(c), end = lastIP(c); v <= end; v++) out.push(formatIP({ bits: c.ip.bits, value: v }));
  return RSet.of(out);
}

const S = T.string;
const cidrMatchType = T.union(S, T.array(T.union(S, T.array())), T.object(S, T.union(S, T.array())), T.set(T.union(S, T.array())));

export const builtins: BuiltinDef[] = [
  {
    name: "net.cidr_contains",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => {
      const a = cidrOperand(args, 0);
      return cidrContains(a, argString(args, 1));
    },
  },
  {
    // deprecated spelling of net.cidr_contains, kept for v0 modules
    name: "net.cidr_overlap",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => {
      const a = cidrOperand(args, 0);
      return cidrContains(a, argString(args, 1));
    },
  },
  {
    name: "net.cidr_intersects",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => {
      const a = cidrOperand(args, 0);
      const b = cidrOperand(args, 1);
      return contains(a, b.ip) || contains(b, a.ip);
    },
  },
  {
    name: "net.cidr_is_valid",
    decl: { args: [S], result: T.boolean },
    impl: (args) => typeof args[0] === "string" && parseCIDR(args[0]) !== undefined,
  },
  {
    name: "net.cidr_expand",
    decl: { args: [S], result: T.set(S) },
    impl: (args, ctx) => expand(cidrOperand(args, 0), ctx),
  },
  {
    name: "net.cidr_contains_matches",
    decl: { args: [cidrMatchType, cidrMatchType], result: T.set(T.array()) },
    impl: (args) => {
      const out: Value[] = [];
      const bs = matchOperand(args[1], 2);
      for (const [c1, k1] of matchOperand(args[0], 1)) {
        const net = parseCIDR(c1);
        if (!net) throw builtinError(`invalid CIDR address: ${c1}`);
        for (const [c2, k2] of bs) if (cidrContains(net, c2)) out.push([k1, k2]);
      }
      return RSet.of(out);
    },
  },
  {
    name: "net.cidr_merge",
    decl: { args: [T.union(T.array(S), T.set(S))], result: T.set(S) },
    impl: (args) => {
      const v = args[0];
      if (!Array.isArray(v) && !(v instanceof RSet)) throw builtinError("operand must be an array");
      const nets = (Array.isArray(v) ? v : v.values()).map(mergeElement);
      const v4 = nets.filter((n) => n.ip.bits === 32);
      const v6 = nets.filter((n) => n.ip.bits === 128);
      return RSet.of([...mergeFamily(32, v4), ...mergeFamily(128, v6)]);
    },
  },
];
