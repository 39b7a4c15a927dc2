/**
 * A reader for the DER subset that X.509 certificates and PKCS#10 requests use, so the x509
 * builtins can report the fields Go's `x509.Certificate` holds. Node's `X509Certificate` parses
 * and verifies certificates but exposes neither extensions nor raw names, and no ASN.1 library is
 * installed; reading tag-length-value triples is all that is needed (no cryptography here).
 */

export class DerError extends Error {}

export interface Tlv {
  /** The identifier octet: class, constructed bit and tag number (tags above 30 are refused). */
  readonly tag: number;
  /** The whole encoding (identifier, length and content). */
  readonly raw: Uint8Array;
  readonly content: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** The context-specific tag `[n]`, constructed or primitive. */
export const ctxTag = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;

/** The element starting at `offset`, and where the next one starts. */
export function readTlv(buf: Uint8Array, offset = 0): { tlv: Tlv; next: number } {
  if (offset + 2 > buf.length) throw new DerError("truncated element");
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag numbers are not supported");
  let len = buf[offset + 1];
  let at = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError("unsupported length");
    if (at + n > buf.length) throw new DerError("truncated length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + i];
    at += n;
  }
  if (at + len > buf.length) throw new DerError("truncated content");
  return { tlv: { tag, raw: buf.subarray(offset, at + len), content: buf.subarray(at, at + len) }, next: at + len };
}

/** The single element that makes up `buf` (nothing may follow it). */
export function parseDer(buf: Uint8Array): Tlv {
  const { tlv, next } = readTlv(buf);
  if (next !== buf.length) throw new DerError("trailing data");
  return tlv;
}

/** The elements of a constructed value. */
export function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < tlv.content.length; ) {
    const r = readTlv(tlv.content, at);
    out.push(r.tlv);
    at = r.next;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`malformed ${what}`);
  return tlv;
}

export function oidArcs(content: Uint8Array): number[] {
  const arcs: number[] = [];
  let v = 0;
  for (let i = 0; i < content.length; i++) {
    v = v * 128 + (content[i] & 0x7f);
    if (!(content[i] & 0x80)) {
      if (arcs.length === 0) arcs.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else arcs.push(v);
      v = 0;
    }
  }
  return arcs;
}

export const oidText = (content: Uint8Array): string => oidArcs(content).join(".");

/** A two's-complement INTEGER. */
export function bigInteger(content: Uint8Array): bigint {
  if (content.length === 0) return 0n;
  let v = 0n;
  for (const b of content) v = (v << 8n) | BigInt(b);
  return content[0] & 0x80 ? v - (1n << BigInt(content.length * 8)) : v;
}

/** A BIT STRING's bytes (the unused-bits count dropped). */
export const bitStringBytes = (content: Uint8Array): Uint8Array => content.subarray(1);

/** Bit `i` of a BIT STRING, counted from the most significant bit of the first byte. */
export function bitAt(content: Uint8Array, i: number): boolean {
  const bytes = bitStringBytes(content);
  const byte = i >> 3;
  return byte < bytes.length && (bytes[byte] & (0x80 >> (i & 7))) !== 0;
}

/** A directory or IA5 string value; undefined for other types (Go leaves those out of the named fields). */
export function stringValue(tlv: Tlv): string | undefined {
  const c = tlv.content;
  switch (tlv.tag) {
    case TAG.UTF8_STRING:
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
      return Buffer.from(c).toString("utf8");
    case TAG.T61_STRING:
      return Buffer.from(c).toString("latin1");
    case TAG.BMP_STRING:
      return Buffer.from(c).swap16().toString("utf16le");
    case TAG.UNIVERSAL_STRING: {
      let s = "";
      for (let i = 0; i + 3 < c.length; i += 4) s += String.fromCodePoint(((c[i] << 24) | (c[i + 1] << 16) | (c[i + 2] << 8) | c[i + 3]) >>> 0);
      return s;
    }
    default:
      return undefined;
  }
}

/** UTCTime or GeneralizedTime as Go's time.Time marshals it (RFC 3339, UTC). */
export function timeValue(tlv: Tlv): string {
  const s = Buffer.from(tlv.content).toString("latin1");
  const m =
    tlv.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(s);
  if (!m) throw new DerError("malformed time");
  let year = m[1];
  // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
  if (tlv.tag === TAG.UTC_TIME) year = (Number(year) >= 50 ? "19" : "20") + year;
  const frac = tlv.tag === TAG.GENERALIZED_TIME && m[7] ? "." + m[7].replace(/0+$/, "") : "";
  return `${year}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${frac === "." ? "" : frac}Z`;
}
