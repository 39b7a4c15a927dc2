/**
 * `uuid.rfc4122(k)`: a random version 4 UUID, the same for the same `k` within one query (OPA
 * caches it per query); `uuid.parse(s)`: version, variant and, for versions 1 and 2, the decoded
 * time, clock sequence, node id (`32-50-96-...`) and its MAC address flags (`macvariables`), and
 * for version 2 the local `id` and `domain`, as OPA's internal/uuid fills them (google/uuid's
 * accepted spellings; undefined when invalid).
 */
import { keyOf, normalizeBigInt, RObject, type Value } from "../value";
import { argString } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const hex = (bytes: Uint8Array, from: number, to: number): string =>
  Array.from(bytes.slice(from, to), (b) => b.toString(16).padStart(2, "0")).join("");

export function newUUIDv4(): string {
  const bs = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bs);
  bs[8] = (bs[8] & ~0xc0) | 0x80;
  bs[6] = (bs[6] & ~0xf0) | 0x40;
  return `${hex(bs, 0, 4)}-${hex(bs, 4, 6)}-${hex(bs, 6, 8)}-${hex(bs, 8, 10)}-${hex(bs, 10, 16)}`;
}

/** google/uuid's Parse: canonical, {braced}, urn:uuid: prefixed, or 32 bare hex digits. */
function parseUUIDBytes(s: string): Uint8Array | undefined {
  let h: string;
  if (s.length === 36 + 9) {
    if (s.slice(0, 9).toLowerCase() !== "urn:uuid:") return undefined;
    s = s.slice(9);
  } else if (s.length === 36 + 2) {
    if (s[0] !== "{" || s[37] !== "}") return undefined;
    s = s.slice(1, 37);
  }
  if (s.length === 36) {
    if (s[8] !== "-" || s[13] !== "-" || s[18] !== "-" || s[23] !== "-") return undefined;
    h = s.slice(0, 8) + s.slice(9, 13) + s.slice(14, 18) + s.slice(19, 23) + s.slice(24);
  } else if (s.length === 32) h = s;
  else return undefined;
  if (!/^[0-9a-fA-F]{32}$/.test(h)) return undefined;
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function variant(b: number): string {
  if ((b & 0xc0) === 0x80) return "RFC4122";
  if ((b & 0xe0) === 0xc0) return "Microsoft";
  if ((b & 0xe0) === 0xe0) return "Future";
  return "Reserved";
}

function macVars(b: number): string {
  if ((b & 3) === 3) return "local:multicast";
  if ((b & 1) === 1) return "global:multicast";
  if ((b & 2) === 2) return "local:unicast";
  return "global:unicast";
}

const G1582_NS100 = 122192928000000000n;

export function parseUUID(s: string): RObject | undefined {
  const u = parseUUIDBytes(s);
  if (!u) return undefined;
  const version = u[6] >> 4;
  const o = new RObject();
  o.set("version", version);
  o.set("variant", variant(u[8]));
  if (version === 1 || version === 2) {
    const dv = new DataView(u.buffer);
    const t = BigInt(dv.getUint32(0)) | (BigInt(dv.getUint16(4)) << 32n) | (BigInt(dv.getUint16(6) & 0xfff) << 48n);
    const d = t - G1582_NS100;
    const sec = d / 10_000_000n;
    const nsec = (d % 10_000_000n) * 100n;
    // Go computes this in int64: far-future timestamps wrap as they do there
    o.set("time", normalizeBigInt(BigInt.asIntN(64, sec * 1_000_000_000n + nsec)));
    o.set("nodeid", Array.from(u.slice(10, 16), (b) => b.toString(16).padStart(2, "0")).join("-"));
    o.set("macvariables", macVars(u[10]));
    o.set("clocksequence", dv.getUint16(8) & 0x3fff);
    if (version === 2) {
      o.set("id", dv.getUint32(0));
      const dom = u[9];
      o.set("domain", ["Person", "Group", "Org"][dom] ?? `Domain${dom}`);
    }
  }
  return o;
}

export const builtins: BuiltinDef[] = [
  {
    name: "uuid.rfc4122",
    decl: { args: [T.string], result: T.string },
    nondeterministic: true,
    impl: (args: readonly Value[], ctx) => {
      const key = "uuid.rfc4122:" + keyOf(args[0]);
      let v = ctx.cache.get(key) as string | undefined;
      if (v === undefined) {
        v = newUUIDv4();
        ctx.cache.set(key, v);
      }
      return v;
    },
  },
  {
    name: "uuid.parse",
    decl: { args: [T.string], result: T.object(T.string, T.any) },
    impl: (args) => parseUUID(argString(args, 0)),
  },
];
