/**
 * yaml.* builtins. OPA goes through sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 resolution: `yes`/`on`
 * are booleans, `0x1F` is an integer, timestamps stay strings); the `yaml` package is configured
 * to resolve the same way, and its errors are reworded as go-yaml's ("yaml: line 1: did not find
 * expected ',' or ']'").
 */
import YAML, { type Document } from "yaml";
import { BigDecimal, fromJSON, normalizeBigInt, RObject, RSet, type Value } from "../value";
import { argString, builtinError } from "./args";
import { marshalGoJSON } from "./gojson";
import { fromUtf8 } from "./gotext";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const parseOptions = {
  version: "1.1" as const,
  intAsBigInt: true,
  uniqueKeys: false,
  customTags: (tags: YAML.Tags) => tags.filter((t) => (t as { tag?: string }).tag !== "tag:yaml.org,2002:timestamp"),
};

function goYamlMessage(doc: Document.Parsed): string {
  const e = doc.errors[0];
  const line = e.linePos?.[0]?.line ?? 1;
  const first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  let msg: string;
  if (/flow sequence/i.test(first) && /end with a \]/.test(first)) msg = "did not find expected ',' or ']'";
  else if (/flow map/i.test(first) && /end with a \}/.test(first)) msg = "did not find expected ',' or '}'";
  else if (/Missing closing "?quote/i.test(first)) msg = "found unexpected end of stream";
  else if (e.code === "BLOCK_AS_IMPLICIT_KEY") msg = "mapping values are not allowed in this context";
  else if (e.code === "TAB_AS_INDENT" || e.code === "BAD_SCALAR_START") msg = "found character that cannot start any token";
  else if (e.code === "BAD_INDENT" || e.code === "UNEXPECTED_TOKEN") msg = "did not find expected key";
  else msg = first.charAt(0).toLowerCase() + first.slice(1);
  return `yaml: line ${line}: ${msg}`;
}

/** The first document only, as go-yaml's Unmarshal reads it (an empty stream is null). */
function parseYaml(text: string): unknown {
  const docs = YAML.parseAllDocuments(text, parseOptions);
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc === undefined) return null;
  if (doc.errors.length > 0) throw builtinError(goYamlMessage(doc));
  try {
    return doc.toJS({ mapAsMap: false, maxAliasCount: 1000 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const alias = /Unresolved alias[^:]*: (.*)$/.exec(msg);
    if (alias) throw builtinError(`yaml: unknown anchor '${alias[1]}' referenced`);
    if (e instanceof RangeError) throw builtinError("yaml: anchor value contains itself");
    throw builtinError("yaml: " + msg.charAt(0).toLowerCase() + msg.slice(1));
  }
}

/** YAML's JS form to a Value: keys become strings (as JSON), big integers stay exact. */
function yamlToValue(x: unknown, path: Set<object> = new Set()): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === "bigint") return normalizeBigInt(x);
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw builtinError("json: unsupported value: " + (Number.isNaN(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf"));
    return x;
  }
  if (typeof x === "boolean" || typeof x === "string") return x;
  if (x instanceof Date) return x.toISOString();
  if (x instanceof Uint8Array) return fromUtf8(x);
  if (typeof x !== "object") return fromJSON(x);
  // An alias inside its own anchor makes a cycle.
  if (path.has(x)) throw builtinError("yaml: anchor value contains itself");
  path.add(x);
  try {
    if (Array.isArray(x)) return x.map((e) => yamlToValue(e, path));
    if (x instanceof Set) return [...x].map((e) => yamlToValue(e, path));
    const o = new RObject();
    if (x instanceof Map) {
      for (const [k, v] of x) o.set(String(k), yamlToValue(v, path));
    } else {
      for (const k of Object.keys(x)) o.set(k, yamlToValue((x as Record<string, unknown>)[k], path));
    }
    return o;
  } finally {
    path.delete(x);
  }
}

/** The value's JSON form (as Go would round-trip it through encoding/json) for YAML output. */
function toPlain(v: Value): unknown {
  if (v === null || typeof v !== "object") return v;
  // YAML numbers are doubles: an exact decimal is written as its nearest one.
  if (v instanceof BigDecimal) return v.approx;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof RSet) return v.values().map(toPlain);
  const entries = (v as RObject).entries().map(([k, x]) => [typeof k === "string" ? k : marshalGoJSON(k), toPlain(x)] as const);
  const out: Record<string, unknown> = {};
  for (const [k, x] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) out[k] = x;
  return out;
}

type ResolvingTag = { tag: string; test?: RegExp };
let resolvingTags: ResolvingTag[] | undefined;

/** Would this string, written plain, read back as another type in YAML 1.1 ("123", "yes", "~")? */
function looksLikeOtherType(s: string): boolean {
  resolvingTags ??= (new YAML.Document(null, { version: "1.1" }).schema.tags as ResolvingTag[]).filter(
    (t) => t.test !== undefined && !t.tag.endsWith(":str"),
  );
  return s === "" || resolvingTags.some((t) => t.test!.test(s));
}

/**
 * go-yaml v2's scalar styles: strings that would resolve to another type are double-quoted,
 * other strings that cannot be plain are single-quoted, multi-line strings are literal blocks.
 */
function marshalYaml(v: Value): string {
  const doc = new YAML.Document(toPlain(v), { version: "1.1" });
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && !node.value.includes("\n") && looksLikeOtherType(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true });
}

export const builtins: BuiltinDef[] = [
  {
    name: "yaml.marshal",
    decl: { args: [T.any], result: T.string },
    impl: (args) => marshalYaml(args[0]),
  },
  {
    name: "yaml.unmarshal",
    decl: { args: [T.string], result: T.any },
    impl: (args) => yamlToValue(parseYaml(argString(args, 0))),
  },
  {
    name: "yaml.is_valid",
    decl: { args: [T.string], result: T.boolean },
    impl: (args) => {
      if (typeof args[0] !== "string") return false;
      try {
        parseYaml(args[0]);
        return true;
      } catch {
        return false;
      }
    },
  },
];
