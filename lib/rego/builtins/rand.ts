/**
 * `rand.intn(str, n)`: a random integer in [0, |n|), the same for the same `str` and `n` within
 * one query, as OPA caches the result per query (so a policy sees one consistent draw).
 */
import { randomBytes, randomInt } from "node:crypto";
import { normalizeBigInt, type RNumber } from "../value";
import { argBigInt, argString } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const RANDOM_INT_LIMIT = 2n ** 48n;

function draw(n: bigint): RNumber {
  if (n < RANDOM_INT_LIMIT) return randomInt(Number(n));
  // Beyond randomInt's range: 64 more random bits than n makes the modulo bias negligible.
  const bytes = randomBytes(Math.ceil(n.toString(16).length / 2) + 8);
  return normalizeBigInt(BigInt("0x" + bytes.toString("hex")) % n);
}

export const builtins: BuiltinDef[] = [
  {
    name: "rand.intn",
    decl: { args: [T.string, T.number], result: T.number },
    nondeterministic: true,
    impl: (args, ctx) => {
      const str = argString(args, 0);
      let n = argBigInt(args, 1);
      if (n === 0n) return 0;
      if (n < 0n) n = -n;
      const key = `rand.intn:${JSON.stringify(str)}:${n}`;
      let v = ctx.cache.get(key) as RNumber | undefined;
      if (v === undefined) {
        v = draw(n);
        ctx.cache.set(key, v);
      }
      return v;
    },
  },
];
