/**
 * `uri.parse` and `uri.is_valid`, thin wrappers over Go's net/url.Parse in OPA: this is a port of
 * the parts of url.Parse they expose. `uri.parse` returns `scheme` (lower-cased), `hostname`,
 * `port`, `path` (percent-decoded), `raw_path` (the escaped form when it differs, else the path),
 * `raw_query` and `fragment` (decoded), each only when not empty; user info and opaque parts are
 * dropped. A string url.Parse rejects makes `uri.parse` undefined and `uri.is_valid` false (as is
 * the empty string).
 */
import { RObject, type Value } from "../value";
import { argString } from "./args";
import { parseIP } from "./ipnet";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

interface GoURL {
  scheme: string;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

class URLError extends Error {}
const reject = (msg: string): never => {
  throw new URLError(msg);
};

const HEX = /^[0-9a-fA-F]{2}$/;
// characters a host may hold unescaped (RFC 3986 unreserved, sub-delims, and Go's extras)
const HOST_OK = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]$/;

type Mode = "path" | "host" | "zone" | "fragment";

/** Go's url.unescape: validates %XX escapes (and host characters) and decodes them as bytes. */
function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const src = Buffer.from(s, "utf8");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === 0x25) {
      const hex = src.subarray(i + 1, i + 3).toString("latin1");
      if (!HEX.test(hex)) reject(`invalid URL escape "%${hex}"`);
      const v = parseInt(hex, 16);
      if (mode === "host" && v < 0x80 && hex !== "25") reject(`invalid URL escape "%${hex}"`);
      bytes.push(v);
      i += 2;
      continue;
    }
    if ((mode === "host" || mode === "zone") && c < 0x80 && !HOST_OK.test(String.fromCharCode(c))) reject("invalid character in host name");
    bytes.push(c);
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Go's url.shouldEscape for paths: what EscapedPath would write as %XX. */
function escapePath(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const ch = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~$&+,/:;=@]/.test(ch) && b < 0x80 ? ch : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function validOptionalPort(port: string): boolean {
  return port === "" || (port[0] === ":" && /^[0-9]*$/.test(port.slice(1)));
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close < 0) reject("missing ']' in host");
    if (!validOptionalPort(host.slice(close + 1))) reject("invalid port after host");
    const inside = host.slice(1, close);
    const zone = inside.indexOf("%25");
    const addr = zone < 0 ? inside : inside.slice(0, zone);
    if (zone >= 0 && inside.length === zone + 3) reject("empty IPv6 zone");
    if (!addr.includes(":") || !parseIP(unescape(addr, "host"))) reject("invalid IPv6 host");
    const zoneText = zone < 0 ? "" : unescape(inside.slice(zone), "zone");
    return "[" + unescape(addr, "host") + zoneText + "]" + host.slice(close + 1);
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && !validOptionalPort(host.slice(colon))) reject("invalid port after host");
  return unescape(host, "host");
}

/** Go's url.getScheme. */
function splitScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) reject("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

export function parseGoURL(raw: string): GoURL {
  const hash = raw.indexOf("#");
  const [u, frag] = hash < 0 ? [raw, ""] : [raw.slice(0, hash), raw.slice(hash + 1)];
  if (/[\x00-\x1f\x7f]/.test(u)) reject("invalid control character in URL");
  const url: GoURL = { scheme: "", host: "", path: "", rawPath: "", rawQuery: "", fragment: "" };
  if (frag !== "") url.fragment = unescape(frag, "fragment");
  if (u === "*") return { ...url, path: "*" };
  let rest: string;
  [url.scheme, rest] = splitScheme(u);
  url.scheme = url.scheme.toLowerCase();
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) [rest, url.rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith("/")) {
    if (url.scheme !== "") return url; // opaque: not exposed
    if (rest.split("/")[0].includes(":")) reject("first path segment in URL cannot contain colon");
  }
  if ((url.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const at = authority.lastIndexOf("@");
    url.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  }
  url.path = unescape(rest, "path");
  url.rawPath = escapePath(url.path) === rest ? "" : rest;
  return url;
}

/** Go's URL.Hostname / URL.Port split of the host. */
function splitHostPort(host: string): [string, string] {
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && validOptionalPort(host.slice(colon))) [host, port] = [host.slice(0, colon), host.slice(colon + 1)];
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return [host, port];
}

function parseURI(args: readonly Value[]): Value | undefined {
  let url: GoURL;
  try {
    url = parseGoURL(argString(args, 0));
  } catch (e) {
    if (e instanceof URLError) return undefined;
    throw e;
  }
  const [hostname, port] = splitHostPort(url.host);
  const out = new RObject();
  const fields: [string, string][] = [
    ["scheme", url.scheme],
    ["hostname", hostname],
    ["port", port],
    ["path", url.path],
    ["raw_path", url.path === "" ? "" : url.rawPath || url.path],
    ["raw_query", url.rawQuery],
    ["fragment", url.fragment],
  ];
  for (const [k, v] of fields) if (v !== "") out.set(k, v);
  return out;
}

export const builtins: BuiltinDef[] = [
  { name: "uri.parse", decl: { args: [T.string], result: T.object(T.string, T.string) }, impl: parseURI },
  {
    name: "uri.is_valid",
    decl: { args: [T.string], result: T.boolean },
    impl: (args) => {
      const s = args[0];
      if (typeof s !== "string" || s === "") return false;
      try {
        parseGoURL(s);
        return true;
      } catch (e) {
        if (e instanceof URLError) return false;
        throw e;
      }
    },
  },
];
