/**
 * `opa.runtime`, `trace` and `internal.test_case`. There is no OPA runtime here (no config, no
 * environment to report), so `opa.runtime()` is an empty object; `trace` succeeds without a tracer. The network
 * builtins (`http.send`, `net.lookup_ip_addr`) are in `network.ts`.
 */
import { RObject } from "../value";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

export const builtins: BuiltinDef[] = [
  {
    name: "opa.runtime",
    decl: { args: [], result: T.object(T.string, T.any) },
    restriction: "there is no OPA runtime: the result is an empty object",
    impl: () => new RObject(),
  },
  {
    // OPA's test runner names the cases of a test rule with it; there is no `opa test` runner here
    name: "internal.test_case",
    decl: { args: [T.array()], result: T.boolean },
    restriction: "succeeds without recording anything: there is no `opa test` runner here",
    impl: () => true,
  },
  {
    name: "trace",
    decl: { args: [T.string], result: T.boolean },
    impl: () => true,
  },
];
