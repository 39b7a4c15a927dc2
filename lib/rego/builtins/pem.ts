/**
 * PEM blocks as Go's `encoding/pem.Decode` finds them: the first well-formed block after any
 * leading text, headers skipped, and the text after its END line. OPA's key and certificate
 * builtins depend on this leniency (and on what counts as "rest") for their results and errors.
 */
import { base64DecodeBytes } from "./encoding";

export interface PemBlock {
  readonly type: string;
  readonly bytes: Uint8Array;
}

const BEGIN = "-----BEGIN ";
const END = "-----END ";
const DASHES = "-----";

/** Go's getLine: the line without its end (trailing spaces, tabs and \r trimmed) and the rest. */
function getLine(s: string): [string, string] {
  const nl = s.indexOf("\n");
  const line = nl < 0 ? s : s.slice(0, nl);
  return [line.replace(/[ \t\r]+$/, ""), nl < 0 ? "" : s.slice(nl + 1)];
}

/** The first PEM block of `data` and the text after it, or no block and `data` itself. */
export function decodePem(data: string): { block?: PemBlock; rest: string } {
  let rest = data;
  for (;;) {
    if (rest.startsWith(BEGIN)) rest = rest.slice(BEGIN.length);
    else {
      const at = rest.indexOf("\n" + BEGIN);
      if (at < 0) return { rest: data };
      rest = rest.slice(at + 1 + BEGIN.length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith(DASHES)) continue;
    const type = typeLine.slice(0, -DASHES.length);

    let headers = 0;
    for (;;) {
      if (rest === "") return { rest: data };
      const [line, next] = getLine(rest);
      if (!line.includes(":")) break;
      headers++;
      rest = next;
    }

    let endIndex: number;
    let trailerAt: number;
    if (headers === 0 && rest.startsWith(END)) {
      endIndex = 0;
      trailerAt = END.length;
    } else {
      endIndex = rest.indexOf("\n" + END);
      trailerAt = endIndex + 1 + END.length;
    }
    if (endIndex < 0) continue;
    const trailerLen = type.length + DASHES.length;
    const trailer = rest.slice(trailerAt, trailerAt + trailerLen);
    if (trailer.length < trailerLen || trailer !== type + DASHES) continue;
    if (getLine(rest.slice(trailerAt + trailerLen))[0] !== "") continue;
    let bytes: Uint8Array;
    try {
      bytes = base64DecodeBytes(rest.slice(0, endIndex).replace(/[ \t]/g, ""));
    } catch {
      continue;
    }
    return { block: { type, bytes }, rest: getLine(rest.slice(trailerAt))[1] };
  }
}

/** Every PEM block of `data`, in order (Go's loop over pem.Decode until it finds none). */
export function decodeAllPem(data: string): PemBlock[] {
  const out: PemBlock[] = [];
  let rest = data;
  for (;;) {
    const r = decodePem(rest);
    if (!r.block) return out;
    out.push(r.block);
    rest = r.rest;
  }
}
