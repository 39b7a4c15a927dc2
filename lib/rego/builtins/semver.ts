/**
 * `semver.compare` and `semver.is_valid` with OPA's rules: an optional leading "v", exactly
 * MAJOR.MINOR.PATCH as 64-bit integers without leading zeros, optional "-pre.release" and "+build" identifiers of
 * [0-9A-Za-z-]; precedence as semver.org (build metadata ignored).
 */
import { argString, builtinError } from "./args";
import { goQuote } from "./gotext";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
}

const IDENTS = /^[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** A version number: a 64-bit integer without leading zeros (`01.2.3` is no SemVer, as in OPA). */
function parseInt64(s: string): bigint | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(s)) return undefined;
  const v = BigInt(s);
  return v > INT64_MAX || v < INT64_MIN ? undefined : v;
}

function cut(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

export function parseSemver(text: string): Version | undefined {
  let v = text.startsWith("v") ? text.slice(1) : text;
  let meta: string;
  [v, meta] = cut(v, "+");
  if (meta !== "" && !IDENTS.test(meta)) return undefined;
  let pre: string;
  [v, pre] = cut(v, "-");
  if (pre !== "" && !IDENTS.test(pre)) return undefined;
  const parts = v.split(".");
  if (parts.length !== 3) return undefined;
  const [major, minor, patch] = parts.map(parseInt64);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return { major, minor, patch, pre };
}

const isDecimal = (s: string): boolean => /^[0-9]+$/.test(s);

export function compareSemver(a: Version, b: Version): number {
  for (const k of ["major", "minor", "patch"] as const) {
    if (a[k] !== b[k]) return a[k] > b[k] ? 1 : -1;
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  const xs = a.pre.split(".");
  const ys = b.pre.split(".");
  for (let i = 0; ; i++) {
    const x = xs[i] ?? "";
    const y = ys[i] ?? "";
    if (x === "" && y !== "") return -1;
    if (x !== "" && y === "") return 1;
    const xi = isDecimal(x);
    const yi = isDecimal(y);
    if (xi && !yi) return -1;
    if (!xi && yi) return 1;
    if (xi && yi) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d > 0n ? 1 : -1;
    } else if (x !== y) return x > y ? 1 : -1;
    const moreX = i + 1 < xs.length;
    const moreY = i + 1 < ys.length;
    if (moreX && !moreY) return 1;
    if (!moreX && moreY) return -1;
    if (!moreX && !moreY) return 0;
  }
}

export const builtins: BuiltinDef[] = [
  {
    name: "semver.compare",
    decl: { args: [T.string, T.string], result: T.number },
    impl: (args) => {
      const a = argString(args, 0);
      const b = argString(args, 1);
      const va = parseSemver(a);
      if (!va) throw builtinError(`operand 1: string ${goQuote(a)} is not a valid SemVer`);
      const vb = parseSemver(b);
      if (!vb) throw builtinError(`operand 2: string ${goQuote(b)} is not a valid SemVer`);
      return compareSemver(va, vb);
    },
  },
  {
    name: "semver.is_valid",
    decl: { args: [T.any], result: T.boolean },
    impl: (args) => typeof args[0] === "string" && parseSemver(args[0]) !== undefined,
  },
];
