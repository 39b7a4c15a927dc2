/**
 * `providers.aws.sign_req(request, aws_config, time_ns)`: the request object with AWS Signature
 * Version 4 headers added, computed as OPA's internal/providers/aws SignV4 does (the canonical
 * request signs `host`, `x-amz-date`, the request's headers but `authorization`, `user-agent` and
 * `x-amzn-trace-id`, `x-amz-content-sha256` for s3/glacier, `x-amz-security-token` with a session
 * token). Hashes and HMACs are Node's crypto.
 */
import { createHash, createHmac } from "node:crypto";
import { isNumber, RObject, toBigInt, type Value } from "../value";
import { argObject, builtinError, operandTypeError } from "./args";
import { marshalGoJSON } from "./gojson";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const REQUIRED = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"];
const IGNORED = new Set(["authorization", "user-agent", "x-amzn-trace-id"]);

const str = (v: Value | undefined): string => (typeof v === "string" ? v : "");
const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, msg: string) => createHmac("sha256", key).update(msg, "utf8").digest();
const quotedSet = (names: string[]) => `{${names.map((n) => JSON.stringify(n)).join(", ")}}`;

function checkConfig(config: RObject): void {
  const missing = REQUIRED.filter((k) => !config.has(k));
  if (missing.length > 0) throw builtinError(`operand 2 missing required AWS config parameters(s): ${quotedSet(missing)}`);
  const invalid = REQUIRED.filter((k) => typeof config.get(k) !== "string");
  if (invalid.length > 0) throw builtinError(`operand 2 invalid values for required AWS config parameters(s): ${quotedSet(invalid)}`);
}

/** Go's url.Parse view of what SigV4 signs: Host (with port), the escaped path and the raw query. */
function urlParts(url: string): { host: string; path: string; query: string } {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(url);
  if (!m) return { host: "", path: url.split(/[?#]/)[0], query: /\?([^#]*)/.exec(url)?.[1] ?? "" };
  const host = m[1].includes("@") ? m[1].slice(m[1].lastIndexOf("@") + 1) : m[1];
  return { host, path: m[2], query: m[3] ?? "" };
}

/** `YYYYMMDD` and `YYYYMMDDTHHMMSSZ` of a Unix time in nanoseconds (UTC). */
function amzDates(ns: bigint): [string, string] {
  const ms = ns / 1_000_000n - (ns < 0n && ns % 1_000_000n !== 0n ? 1n : 0n);
  const iso = new Date(Number(ms)).toISOString(); // 2015-08-30T12:36:00.000Z
  const stamp = iso.slice(0, 19).replace(/[-:]/g, "") + "Z";
  return [stamp.slice(0, 8), stamp];
}

function signRequest(args: readonly Value[]): Value {
  const req = argObject(args, 0);
  const config = args[1];
  if (!(config instanceof RObject)) throw operandTypeError(1, config, "object");
  checkConfig(config);
  const ts = args[2];
  if (!isNumber(ts)) throw operandTypeError(1, ts, "number");
  const ns = toBigInt(ts);
  if (ns === undefined || ns > 2n ** 63n - 1n || ns < -(2n ** 63n)) throw builtinError("operand 3 could not convert time_ns value into a unix timestamp");

  const method = req.get("method");
  const url = req.get("url");
  if (method === undefined || url === undefined) {
    const missing = ["method", "url"].filter((k) => !req.has(k));
    throw builtinError(`operand 1 missing required request parameters(s): ${quotedSet(missing)}`);
  }
  const badParams = [["url", url], ["method", method]].filter(([, v]) => typeof v !== "string").map(([k]) => k as string);
  if (badParams.length > 0) throw builtinError(`operand 1 invalid values for required request parameters(s): ${quotedSet(badParams.sort())}`);
  const headersValue = req.get("headers") ?? new RObject();
  if (!(headersValue instanceof RObject)) throw operandTypeError(0, headersValue, "object");
  const headers = headersValue.entries().map(([k, v]) => [str(k), str(v)] as const);

  const raw = req.get("raw_body");
  const body = raw !== undefined ? str(raw) : req.has("body") ? marshalGoJSON(req.get("body")!) : "";
  const bodyHash = sha256Hex(Buffer.from(body, "utf8"));

  const service = str(config.get("aws_service"));
  const region = str(config.get("aws_region"));
  const token = str(config.get("aws_session_token"));
  const disablePayload = config.get("disable_payload_signing");
  if (disablePayload !== undefined && typeof disablePayload !== "boolean") {
    throw builtinError("operand 2 invalid value for 'disable_payload_signing' in AWS config");
  }
  const { host, path, query } = urlParts(url as string);
  const [date, stamp] = amzDates(ns);

  const amz: Record<string, string> = { host, "x-amz-date": stamp };
  if (service === "s3" || service === "glacier") amz["x-amz-content-sha256"] = disablePayload === true ? "UNSIGNED-PAYLOAD" : bodyHash;
  if (token !== "") amz["x-amz-security-token"] = token;
  const toSign = new Map<string, string>(Object.entries(amz));
  for (const [k, v] of headers) if (!IGNORED.has(k.toLowerCase())) toSign.set(k.toLowerCase(), v);
  const names = [...toSign.keys()].sort();
  const canonical = [method, path, query, ...names.map((k) => `${k}:${toSign.get(k)}`), "", names.join(";"), bodyHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256Hex(canonical)].join("\n");
  let key = hmac(`AWS4${str(config.get("aws_secret_access_key"))}`, date);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
  const signature = hmac(key, stringToSign).toString("hex");
  const authorization = `AWS4-HMAC-SHA256 Credential=${str(config.get("aws_access_key"))}/${scope},SignedHeaders=${names.join(";")},Signature=${signature}`;

  const signed = new RObject();
  for (const [k, v] of headers) signed.set(k, v);
  signed.set("Authorization", authorization);
  for (const [k, v] of Object.entries(amz)) signed.set(k, v);
  const out = RObject.fromEntries(req.entries());
  out.set("headers", signed);
  return out;
}

export const builtins: BuiltinDef[] = [
  {
    name: "providers.aws.sign_req",
    decl: { args: [T.object(T.string, T.any), T.object(T.string, T.any), T.number], result: T.object() },
    impl: signRequest,
  },
];
