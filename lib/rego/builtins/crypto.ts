/**
 * `crypto.md5` / `sha1` / `sha256` and `crypto.hmac.*`: hex digests of a string's UTF-8 bytes
 * (OPA hashes the Go string's bytes), computed with Node's `crypto`. `crypto.hmac.equal` compares
 * two MACs in constant time, as Go's `hmac.Equal`.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Value } from "../value";
import { argString } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const hash = (algorithm: string) => (args: readonly Value[]) =>
  createHash(algorithm).update(argString(args, 0), "utf8").digest("hex");

const hmac = (algorithm: string) => (args: readonly Value[]) => {
  const message = argString(args, 0);
  const key = argString(args, 1);
  return createHmac(algorithm, Buffer.from(key, "utf8")).update(message, "utf8").digest("hex");
};

/** Constant-time byte equality; unequal lengths are unequal at once, as in Go. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const S = T.string;

export const builtins: BuiltinDef[] = [
  { name: "crypto.md5", decl: { args: [S], result: S }, impl: hash("md5") },
  { name: "crypto.sha1", decl: { args: [S], result: S }, impl: hash("sha1") },
  { name: "crypto.sha256", decl: { args: [S], result: S }, impl: hash("sha256") },
  { name: "crypto.hmac.md5", decl: { args: [S, S], result: S }, impl: hmac("md5") },
  { name: "crypto.hmac.sha1", decl: { args: [S, S], result: S }, impl: hmac("sha1") },
  { name: "crypto.hmac.sha256", decl: { args: [S, S], result: S }, impl: hmac("sha256") },
  { name: "crypto.hmac.sha512", decl: { args: [S, S], result: S }, impl: hmac("sha512") },
  {
    name: "crypto.hmac.equal",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => {
      const a = argString(args, 0);
      const b = argString(args, 1);
      return constantTimeEqual(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
    },
  },
];
